package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each stream on its own: stdout being a terminal decides pretty or JSON, stdin being one decides
 * that {@code -} has nothing to read. The launchers measure both ({@code [ -t 1 ]}, {@code [ -t 0 ]})
 * and pass them as properties, which win over the JVM's console.
 */
class TerminalTest {
  private static final String RES = "src/test/resources/render/";

  /** As the launcher's {@code -Dcds.stdout.tty} and {@code -Dcds.stdin.tty} say, else the console. */
  private static CliContext system(String stdoutTty, String stdinTty, boolean console) {
    PrintWriter w = new PrintWriter(new StringWriter());
    return CliContext.system(w, w, Map.of(), stdoutTty, stdinTty, console);
  }

  @Test
  void theLaunchersPropertiesWinOverTheConsole() {
    CliContext ctx = system("true", "false", false);
    assertTrue(ctx.stdoutIsTerminal());
    assertFalse(ctx.stdinIsTerminal());
    CliContext other = system("false", "true", true);
    assertFalse(other.stdoutIsTerminal());
    assertTrue(other.stdinIsTerminal());
  }

  @Test
  void withoutPropertiesTheConsoleDecidesBoth() {
    assertTrue(system(null, null, true).stdoutIsTerminal());
    assertTrue(system(null, null, true).stdinIsTerminal());
    assertFalse(system(null, null, false).stdoutIsTerminal());
    CliContext half = system("maybe", "false", true);
    assertTrue(half.stdoutIsTerminal(), "a value other than true or false is not trusted");
    assertFalse(half.stdinIsTerminal());
  }

  /** This test JVM has no terminal (surefire pipes its streams): the console fallback says so. */
  @Test
  void theConsoleFallbackSeesNoTerminalHere() {
    assertFalse(CliContext.consoleIsTerminal());
  }

  /** {@code cat r.json | cds render -} on a terminal: cards, not JSON. */
  @Test
  void pipedInputToATerminalPrintsCards() throws Exception {
    Cli.Result r = cli().terminal().env("NO_COLOR", "1").stdin(Files.readString(Path.of(RES + "services.ndjson")))
        .run("render", "-", "--width", "80");
    assertEquals(0, r.code(), r::toString);
    assertEquals(Files.readString(Path.of(RES + "services.w80.txt")), r.out());
  }

  /** {@code cds init … | cds validate -} on a terminal: the verdict, not a JSON list. */
  @Test
  void pipedRequestToATerminalPrintsTheVerdict() {
    String request = cli().run("init", "patient-view").out();
    Cli.Result r = cli().terminal().stdin(request).run("validate", "-", "--no-fhir", "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("stdin (request)"), r::toString);
    Cli.Result piped = cli().stdin(request).run("validate", "-", "--no-fhir");
    assertTrue(Json.parse(piped.out(), "stdout").isArray(), piped::toString);
  }

  @Test
  void dashOnATerminalStdinIsUsageNotAWait() {
    for (String[] args : new String[][] {{"render", "-"}, {"render"}, {"validate", "-"}, {"diff", "-", RES + "full.json"},
        {"jwt", "decode", "-"}}) {
      Cli.Result r = cli().terminal().run(args);
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r);
      assertTrue(r.err().startsWith("cds: - reads stdin, but nothing is piped in: "), r::toString);
    }
  }

  /** COLUMNS is the user's width, on a terminal or in a pipe with pretty output; --width still wins. */
  @Test
  void columnsSetsTheWidth() throws Exception {
    String at50 = Files.readString(Path.of(RES + "full.w50.txt"));
    assertEquals(at50, cli().env("COLUMNS", "50").run("render", RES + "full.json", "--output", "pretty").out());
    assertEquals(at50, cli().terminal().env("COLUMNS", "50").env("NO_COLOR", "1").run("render", RES + "full.json").out());
    assertEquals(Files.readString(Path.of(RES + "full.w80.txt")),
        cli().env("COLUMNS", "50").run("render", RES + "full.json", "--output", "pretty", "--width", "80").out());
    assertEquals(Files.readString(Path.of(RES + "full.w80.txt")),
        cli().env("COLUMNS", "wide").run("render", RES + "full.json", "--output", "pretty").out());
  }
}
