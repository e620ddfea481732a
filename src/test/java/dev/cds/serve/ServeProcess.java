package dev.cds.serve;

import dev.cds.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cds serve} in a process of its own, as a user or script starts it: its first stdout line
 * is its URL. A process of its own also means the JDK server settings are read fresh, as in use.
 */
final class ServeProcess implements AutoCloseable {
  private final ChildProcess child;

  private ServeProcess(ChildProcess child) {
    this.child = child;
  }

  /** {@code cds serve --port 0 ARGS…} with its config folder under {@code configHome}. */
  static ServeProcess start(Path configHome, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.cds.cli.Main", "serve", "--port", "0"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("CDS_CONFIG");
    builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
    return new ServeProcess(ChildProcess.start(builder));
  }

  String url() {
    return child.firstLine();
  }

  String stderr() {
    return child.stderr();
  }

  @Override
  public void close() throws InterruptedException {
    child.close();
  }
}
