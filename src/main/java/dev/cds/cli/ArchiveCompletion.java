package dev.cds.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a launcher records the per-user class-data archive (a release jar or an app image before
 * JDK 25), the archive holds what the recording run loaded, and that run is whatever command the
 * user typed first: after a first {@code cds init}, every {@code cds call} would load its HTTP,
 * discovery and card classes from the jar. With {@code -Dcds.archive.complete=true} the recording
 * run, once the user's command is done and its output written, also runs the build's training
 * workload ({@link Training}) against two throw-away services, so the archive holds what the
 * build's own archive holds. That costs the first run about a second, once.
 */
final class ArchiveCompletion {
  static final String PROPERTY = "cds.archive.complete";
  private static final String PATIENT_VIEW = "{\"id\":\"pv\",\"hook\":\"patient-view\",\"description\":\"d\","
      + "\"response\":{\"body\":{\"cards\":[{\"summary\":\"s\",\"indicator\":\"info\","
      + "\"detail\":\"*d*\",\"source\":{\"label\":\"l\"}}]}}}";
  private static final String ORDER_DISPATCH = "{\"id\":\"od\",\"hook\":\"order-dispatch\",\"description\":\"d\"}";

  private ArchiveCompletion() {}

  /** Runs the training workload quietly; false when it could not (the archive is then only smaller). */
  static boolean run() {
    Path dir = null;
    try {
      dir = Training.scratchFolder("cds-archive");
      Files.writeString(dir.resolve("pv.json"), PATIENT_VIEW, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("od.json"), ORDER_DISPATCH, StandardCharsets.UTF_8);
      return Training.workload(dir, new PrintStream(OutputStream.nullOutputStream())) == 0;
    } catch (Exception | LinkageError e) {
      return false;
    } finally {
      if (dir != null) {
        Training.deleteTree(dir);
      }
    }
  }
}
