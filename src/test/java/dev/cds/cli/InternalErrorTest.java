package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A failure cds did not expect is a bug in cds: exit 70 and one line asking for a report, so CI
 * does not take it for a service outage (4). Errors too (StackOverflowError, OutOfMemoryError),
 * which picocli lets through. The failures are real: the stdin a command reads throws.
 */
class InternalErrorTest {
  /** stdin whose first read throws what {@code failure} makes. */
  private static InputStream failing(Supplier<? extends Throwable> failure) {
    return new InputStream() {
      @Override
      public int read() {
        throw sneaky(failure.get());
      }

      @Override
      public int read(byte[] b, int off, int len) {
        throw sneaky(failure.get());
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static Cli.Result run(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err), stdin, Map.of(), Clock.systemUTC(),
        false, false, Path.of("target", "test-config-absent"));
    int code = Main.run(args, ctx);
    ctx.err().flush();
    return new Cli.Result(code, out.toString(), err.toString());
  }

  @Test
  void anUnexpectedExceptionIsExit70AndOneLine() {
    Cli.Result r = run(failing(() -> new IllegalStateException("boom\nsecond line")), "validate", "-");
    assertEquals(ExitCode.INTERNAL, r.code(), r::toString);
    assertEquals("cds: internal error, please report it (a bug in cds, not in the service):"
        + " java.lang.IllegalStateException: boom second line; --stacktrace shows where\n", r.err());
  }

  @Test
  void anErrorIsExit70AndOneLineToo() {
    Cli.Result r = run(failing(StackOverflowError::new), "validate", "-");
    assertEquals(ExitCode.INTERNAL, r.code(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().startsWith("cds: internal error, please report it"), r::toString);
    assertTrue(r.err().contains("java.lang.StackOverflowError"), r::toString);
    Cli.Result oom = run(failing(() -> new OutOfMemoryError("Java heap space")), "render", "-");
    assertEquals(ExitCode.INTERNAL, oom.code(), oom::toString);
    assertEquals("cds: out of memory: give Java more (JAVA_OPTS=-Xmx2g) and, if the input was not huge,"
        + " please report it\n", oom.err());
  }

  @Test
  void theTraceOnlyWithStacktrace() {
    Cli.Result r = run(failing(StackOverflowError::new), "validate", "-", "--stacktrace");
    assertEquals(ExitCode.INTERNAL, r.code(), r::toString);
    assertTrue(r.err().contains("java.lang.StackOverflowError\n\tat "), r::toString);
    assertFalse(r.err().contains("--stacktrace shows where"), r::toString);
  }

  @Test
  void typedFailuresKeepTheirCodes() {
    Cli.Result r = run(new ByteArrayInputStream("{".getBytes()), "validate", "-");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r::toString);
  }

  /** One exit-code table: in every command's help and in the README, 70 included. */
  @Test
  void theTableEverywhere() throws Exception {
    Cli.Result help = Cli.cli().run("--help");
    assertTrue(help.out().contains("70   internal error: a bug in cds, please report it"), help::toString);
    for (String command : new String[] {"call", "init", "keys generate", "serve"}) {
      String[] args = (command + " --help").split(" ");
      Cli.Result r = Cli.cli().run(args);
      assertTrue(r.out().contains("Exit codes:") && r.out().contains("70   internal error"), command + "\n" + r);
    }
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("## Exit codes"));
    table = table.substring(0, table.indexOf("\n## ", 5));
    Set<String> codes = new LinkedHashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
    while (row.find()) {
      codes.add(row.group(1));
    }
    assertEquals(Main.EXIT_CODES.keySet(), codes, "README's exit-code table");
  }
}
