package dev.cds.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code cds serve} in a process of its own, as a user or script starts it: its first stdout line
 * is its URL. A process of its own also means the JDK server settings are read fresh, as in use.
 */
final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer stderr = new StringBuffer();
  private final String url;

  private ServeProcess(Process process) throws IOException {
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
      throw new IOException("cds serve printed no URL; stderr:\n" + stderr);
    }
    this.url = first;
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
    return new ServeProcess(builder.start());
  }

  String url() {
    return url;
  }

  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
