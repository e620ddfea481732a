package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Terminal detection through the built launcher under a real pseudo-terminal ({@code script}),
 * with stdin piped: stdout alone decides pretty or JSON. Runs on this build's JDK and on JDK 25
 * when it is installed (JDK 22 to 24 hand a console even to redirected streams, which is why the
 * launcher measures each stream with {@code [ -t ]} and the Java side trusts that).
 */
class TerminalIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = PROJECT.resolve("target/cds");
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final String NDJSON = "src/test/resources/render/services.ndjson";

  /** This build's JDK, and JDK 25 when the machine has one. */
  static Stream<Path> jdks() throws IOException {
    List<Path> jdks = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> all = Files.list(jvms)) {
        all.filter(p -> p.getFileName().toString().matches(".*-25(-.*)?") && Files.isExecutable(p.resolve("bin/java")))
            .findFirst().ifPresent(jdks::add);
      }
    }
    return jdks.stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void pipedInputRendersCardsOnATerminal(Path jdk) throws Exception {
    String out = underTerminal(jdk, "cat " + NDJSON + " | " + cds("render -"));
    assertTrue(out.contains("── crd-payer-a (order-sign)") && out.contains("[WARNING] Prior authorization needed"), out);
    assertFalse(out.contains("{\"service\""), "JSON on a terminal:\n" + out);
    String piped = underTerminal(jdk, "cat " + NDJSON + " | " + cds("render -") + " | cat");
    assertTrue(piped.contains("{\"service\""), "a pipe after cds gets JSON:\n" + piped);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void initIntoValidatePrintsTheVerdictOnATerminal(Path jdk) throws Exception {
    String out = underTerminal(jdk, cds("init patient-view") + " | " + cds("validate - --no-fhir"));
    assertTrue(out.contains("stdin (request)"), out);
    assertFalse(out.trim().startsWith("["), "a JSON list on a terminal:\n" + out);
  }

  /** Nothing piped in and a terminal on stdin: exit 2 at once instead of waiting for typing. */
  @ParameterizedTest
  @MethodSource("jdks")
  void aTerminalOnStdinIsNoInput(Path jdk) throws Exception {
    String out = underTerminal(jdk, cds("render -") + "; echo \"exit $?\"");
    assertTrue(out.contains("cds: - reads stdin, but nothing is piped in") && out.contains("exit 2"), out);
  }

  /**
   * The launcher as a command line. Until the launcher passes what {@code [ -t 0 ]} and
   * {@code [ -t 1 ]} say itself, the same measurement is made here and handed over in JAVA_OPTS.
   */
  private static String cds(String args) throws IOException {
    if (Files.readString(LAUNCHER).contains("cds.stdout.tty")) {
      return LAUNCHER + " " + args;
    }
    return "{ [ -t 0 ] && i=true || i=false; [ -t 1 ] && o=true || o=false;"
        + " JAVA_OPTS=\"-Dcds.stdin.tty=$i -Dcds.stdout.tty=$o\" " + LAUNCHER + " " + args + "; }";
  }

  /** Runs {@code shell} with stdout (and stdin, unless piped) on a pseudo-terminal; returns what it showed. */
  private static String underTerminal(Path jdk, String shell) throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "no util-linux script here");
    Path out = Files.createTempFile("cds-tty", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", shell, "/dev/null")
          .directory(PROJECT.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
      pb.environment().remove("JAVA_OPTS");
      pb.environment().put("JAVA_HOME", jdk.toString());
      pb.environment().put("NO_COLOR", "1");
      pb.environment().put("COLUMNS", "80");
      pb.environment().remove("LC_ALL");
      pb.environment().remove("LC_CTYPE");
      pb.environment().put("LANG", "C.UTF-8"); // the glyphs below need a UTF-8 locale
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + shell);
      }
      String shown = Files.readString(out).replace("\r\n", "\n");
      assertEquals(0, p.exitValue(), shown);
      return shown;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
