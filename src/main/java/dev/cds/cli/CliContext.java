package dev.cds.cli;

import dev.cds.cards.TerminalWidth;
import dev.cds.core.CdsException;
import dev.cds.core.Glyphs;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the outside world, handed in by {@link Main} (or a test):
 * streams, environment, clock, whether stdout and stdin are terminals (each on its own: stdout
 * decides pretty or JSON, stdin whether {@code -} has anything to read), and where the config
 * lives.
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

  /** Set by the launchers from {@code [ -t 1 ]} and {@code [ -t 0 ]}. */
  static final String STDOUT_TTY = "cds.stdout.tty";
  static final String STDIN_TTY = "cds.stdin.tty";

  /**
   * The process's context: each stream is a terminal as the launcher measured it
   * ({@code -Dcds.stdout.tty}, {@code -Dcds.stdin.tty}); without those, as the JVM's console says,
   * which cannot tell one stream from the other (asked only then).
   */
  public static CliContext system(PrintWriter out, PrintWriter err) {
    String stdout = System.getProperty(STDOUT_TTY);
    String stdin = System.getProperty(STDIN_TTY);
    boolean console = (flag(stdout) == null || flag(stdin) == null) && consoleIsTerminal();
    return system(out, err, System.getenv(), stdout, stdin, console);
  }

  static CliContext system(PrintWriter out, PrintWriter err, Map<String, String> env,
      String stdoutTty, String stdinTty, boolean console) {
    Boolean stdout = flag(stdoutTty);
    Boolean stdin = flag(stdinTty);
    return new CliContext(out, err, System.in, env, Clock.systemUTC(),
        stdout != null ? stdout : console, stdin != null ? stdin : console, configDir(env));
  }

  private static Boolean flag(String value) {
    return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
  }

  /**
   * Whether stdin and stdout are both a terminal, by the JVM. Up to JDK 21 a console exists only
   * then; JDK 22 to 24 give one even to redirected streams, and tell through
   * {@code Console.isTerminal()} (JDK 22+, hence the reflection on a JDK 17 build).
   */
  static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
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

  /** {@code COLUMNS} when it is a sensible width: the user's choice, on a terminal or not. */
  public Integer columns() {
    String c = env("COLUMNS");
    if (c == null || !c.trim().matches("\\d{1,4}")) {
      return null;
    }
    int n = Integer.parseInt(c.trim());
    return n >= 20 ? n : null;
  }

  /** The width a table fits: COLUMNS, else the terminal's; unlimited on a pipe without COLUMNS. */
  public int tableWidth() {
    return TerminalWidth.forTables(columns(), stdoutIsTerminal);
  }

  /** Unicode glyphs when the locale is UTF-8, ASCII stand-ins otherwise. */
  public Glyphs glyphs() {
    return Glyphs.of(env);
  }

  /**
   * Fails (exit 2) when {@code file} is {@code -} and stdin is a terminal: nothing is piped in,
   * and the run would sit waiting for typing.
   *
   * @param fix what to do instead, e.g. {@code "give a file, e.g. cds render answer.json"}
   */
  public void requirePipedStdin(String file, String fix) {
    if ("-".equals(file) && stdinIsTerminal) {
      throw CdsException.usage("- reads stdin, but nothing is piped in: " + fix);
    }
  }
}
