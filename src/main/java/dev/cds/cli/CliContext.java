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
        : home(env).resolve(".config");
    return base.resolve("cds");
  }

  /** {@code $HOME} from the environment, as the launcher and the shell see it (not the passwd entry). */
  static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    return home == null || home.isBlank() ? Path.of("") : Path.of(home);
  }

  /** A leading {@code ~/} of a path the user typed, expanded with {@code $HOME}. */
  public Path path(String typed) {
    return typed.startsWith("~/") ? home(env).resolve(typed.substring(2)) : Path.of(typed);
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
