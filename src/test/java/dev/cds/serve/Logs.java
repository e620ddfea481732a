package dev.cds.serve;

import java.io.StringWriter;

/** A server's log as a test reads it: the access line is written after the answer has gone out. */
final class Logs {
  private Logs() {}

  /** The log's lines once it has at least {@code count} (or after two seconds). */
  static String[] lines(StringWriter log, int count) throws InterruptedException {
    for (int i = 0; i < 200 && log.toString().split("\n").length < count; i++) {
      Thread.sleep(10);
    }
    return log.toString().split("\n");
  }
}
