package dev.cds.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs cds in-process with captured streams, as {@code Main} would from a shell. */
public final class Cli {
  /** What a run printed and returned. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private boolean piped;
  private boolean terminal;
  private Path configDir = Path.of("target", "test-config-absent");
  private Clock clock = Clock.systemUTC();

  public static Cli cli() {
    return new Cli();
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Pipe {@code text} in: stdin is then not a terminal, whatever {@link #terminal()} says. */
  public Cli stdin(String text) {
    this.stdin = text;
    this.piped = true;
    return this;
  }

  /** Pretend stdout is a terminal (pretty output by default), and stdin too unless something is piped in. */
  public Cli terminal() {
    this.terminal = true;
    return this;
  }

  public Cli configDir(Path dir) {
    this.configDir = dir;
    return this;
  }

  public Cli clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result run(String... args) {
    if (!env.containsKey("LANG") && !env.containsKey("LC_ALL") && !env.containsKey("LC_CTYPE")) {
      // a UTF-8 locale, as on most desktops; tests of the ASCII fallback set LANG themselves
      env.put("LANG", "C.UTF-8");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(
        new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Map.copyOf(env), clock, terminal, terminal && !piped, configDir);
    int code = Main.run(args, ctx);
    ctx.out().flush();
    ctx.err().flush();
    return new Result(code, out.toString(), err.toString());
  }
}
