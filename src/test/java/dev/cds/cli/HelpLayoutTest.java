package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpLayoutTest {
  private static final List<String> CALL_HEADINGS = List.of("Request:", "Prefetch:", "FHIR authorization:",
      "CDS JWT:", "SMART:", "Checks:", "Output:", "Load:");

  @Test
  void callGroupsItsOptionsUnderHeadingsInOrder() {
    Cli.Result r = cli().env("COLUMNS", "80").run("call", "--help");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("Usage: cds call [OPTIONS] HOOK|SERVICE_ID\n"), r.out());
    List<String> lines = r.out().lines().toList();
    int last = -1;
    for (String heading : CALL_HEADINGS) {
      int at = lines.indexOf(heading);
      assertTrue(at > last, heading + " missing or out of order:\n" + r.out());
      last = at;
    }
    assertFalse(r.out().contains("Exit codes:"), "the table is printed by cds --help only");
    assertTrue(r.out().contains("cds --help"), "a pointer to the global options");
    // each option sits under the heading of its concern
    assertUnder(lines, "--jwt-ttl", "CDS JWT:");
    assertUnder(lines, "--client-id", "SMART:");
    assertUnder(lines, "--fhir-token", "FHIR authorization:");
    assertUnder(lines, "--dry-run", "Prefetch:");
    assertUnder(lines, "--fail-on=", "Checks:");
    assertUnder(lines, "--interactive", "Output:");
    assertUnder(lines, "--repeat", "Load:");
    assertUnder(lines, "--context", "Request:");
  }

  private static void assertUnder(List<String> lines, String option, String heading) {
    String current = null;
    for (String line : lines) {
      if (!line.isEmpty() && !line.startsWith(" ") && line.endsWith(":")) {
        current = line;
      } else if (line.trim().startsWith(option) || line.trim().startsWith("-" + option.charAt(2) + ", " + option)) {
        assertEquals(heading, current, option);
        return;
      }
    }
    throw new AssertionError(option + " not listed");
  }

  @Test
  void rootHelpHasTheGlobalOptionsAndTheExitCodes() {
    Cli.Result r = cli().run("--help");
    assertTrue(r.out().startsWith("Usage: cds [OPTIONS] COMMAND\n"), r.out());
    assertTrue(r.out().contains("Global options"), r.out());
    assertTrue(r.out().contains("--output=pretty|json"), r.out());
    assertTrue(r.out().contains("Exit codes:"), r.out());
    assertTrue(r.out().contains("  help "), "cds help is listed");
  }

  @Test
  void helpCommandShowsHelpInsteadOfRunningTheCommand() {
    Cli.Result help = cli().run("help", "call");
    assertEquals(0, help.code(), help.toString());
    assertEquals(cli().run("call", "--help").out(), help.out());
    Cli.Result nested = cli().run("help", "keys");
    assertTrue(nested.out().startsWith("Usage: cds keys"), nested.out());
  }

  /** At every width, for every command: no line longer than the width, no option cut. */
  @ParameterizedTest
  @ValueSource(ints = {30, 60, 80, 120, 200})
  void helpFitsTheWidthAndNeverBreaksAToken(int columns) {
    int width = Math.max(60, Math.min(120, columns));
    for (List<String> command : commands()) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      Cli.Result r = cli().env("COLUMNS", String.valueOf(columns)).run(args.toArray(String[]::new));
      assertEquals(0, r.code(), args + "\n" + r);
      List<String> lines = r.out().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        assertTrue(line.length() <= width, args + " at " + columns + ": " + line.length() + " > " + width + ": " + line);
        // an example continued with \ must still paste as one command: no comment line inside it
        String previous = i == 0 ? "" : lines.get(i - 1);
        assertTrue(!previous.endsWith("\\") || !line.strip().startsWith("#"),
            args + " at " + columns + ": a comment line inside a continued example:\n" + previous + "\n" + line);
      }
      CommandLine model = Main.build(context(),
          command.isEmpty() || !Commands.has(command.get(0)) ? null : command.get(0), new String[0]);
      for (String name : command) {
        model = model.getSubcommands().get(name);
      }
      for (OptionSpec o : model.getCommandSpec().options()) {
        if (!o.hidden() && !o.inherited() && o.arity().max() > 0 && r.out().contains(o.longestName() + "=")) {
          assertTrue(r.out().contains(o.longestName() + "=" + o.paramLabel()), args + ": " + o.longestName()
              + "=" + o.paramLabel() + " is broken:\n" + r.out());
        }
      }
    }
  }

  private static CliContext context() {
    return new CliContext(new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()), java.io.InputStream.nullInputStream(),
        java.util.Map.of(), java.time.Clock.systemUTC(), false, false, java.nio.file.Path.of("target"));
  }

  private static List<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    CommandLine root = Main.build(context(), null, new String[0]);
    root.getSubcommands().forEach((name, sub) -> {
      out.add(List.of(name));
      sub.getSubcommands().keySet().forEach(child -> out.add(List.of(name, child)));
    });
    return out;
  }
}
