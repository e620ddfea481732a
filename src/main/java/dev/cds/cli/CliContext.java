package dev.cds.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the outside world, handed in by {@link Main} (or a test):
 * streams, environment, clock, whether stdout is a terminal, and where the config lives.
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    Map<String, String> env,
    Clock clock,
    boolean stdoutIsTerminal,
    boolean stdinIsTerminal,
    Path configDir) {

  public static CliContext system(PrintWriter out, PrintWriter err) {
    Map<String, String> env = System.getenv();
    boolean terminal = System.console() != null;
    return new CliContext(
        out, err, System.in, env, Clock.systemUTC(), terminal, terminal, configDir(env));
  }

  /** {@code $CDS_CONFIG}'s folder, else {@code $XDG_CONFIG_HOME/cds}, else {@code ~/.config/cds}. */
  static Path configDir(Map<String, String> env) {
    String explicit = env.get("CDS_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit).toAbsolutePath().getParent();
      if (p != null) {
        return p;
      }
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("cds");
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
