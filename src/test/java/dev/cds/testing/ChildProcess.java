package dev.cds.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process a test starts that says it is ready with its first line on stdout (a URL, a port);
 * its stderr is kept for the failure message.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer stderr = new StringBuffer();
  private final String firstLine;

  private ChildProcess(Process process) throws IOException {
    this.process = process;
    Thread drain = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          stderr.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first;
    try {
      first = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      first = null;
    }
    if (first == null) {
      process.destroyForcibly();
      throw new IOException("the process printed nothing on stdout within 60 s; stderr:\n" + stderr);
    }
    this.firstLine = first;
  }

  /** Starts the process and waits (up to a minute) for its first line on stdout. */
  public static ChildProcess start(ProcessBuilder builder) throws IOException {
    return new ChildProcess(builder.start());
  }

  /** What the process printed first: the sign that it is ready. */
  public String firstLine() {
    return firstLine;
  }

  /** Its stderr so far. */
  public String stderr() {
    return stderr.toString();
  }

  public Process process() {
    return process;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
