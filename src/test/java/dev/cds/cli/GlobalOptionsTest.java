package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.FaultServer;
import dev.cds.core.Json;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** --output, --color/--no-color, -v, --stacktrace and --profile: declared once, accepted anywhere. */
class GlobalOptionsTest {
  private static final String CARD = "src/test/resources/render/seed-crd.json";
  private static final String ANSI = "\u001b[";

  @Test
  void verboseBeforeOrAfterTheCommand() throws Exception {
    try (FaultServer server = new FaultServer()) {
      for (String[] args : new String[][] {
          {"-v", "discover", server.base()}, {"discover", server.base(), "-v"}, {"discover", "--verbose", server.base()}}) {
        Cli.Result r = cli().run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("> GET " + server.base() + "/cds-services"), String.join(" ", args) + "\n" + r);
      }
      Cli.Result quiet = cli().run("discover", server.base());
      assertFalse(quiet.err().contains("> GET"), quiet::toString);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--output json hooks", "--output=json hooks", "hooks --output json", "hooks --output=JSON"})
  void outputAnywhereOnATerminal(String line) {
    Cli.Result r = cli().terminal().run(line.split(" "));
    assertEquals(0, r.code(), r::toString);
    assertTrue(Json.parse(r.out(), "stdout").isArray(), r::toString);
  }

  /** Nested subcommands inherit too, and the option may sit on the command between. */
  @ParameterizedTest
  @ValueSource(strings = {"--output json hooks show patient-view", "hooks --output json show patient-view",
      "hooks show --output json patient-view", "hooks show patient-view --output json"})
  void outputReachesNestedSubcommands(String line) {
    Cli.Result r = cli().terminal().run(line.split(" "));
    assertEquals(0, r.code(), r::toString);
    assertEquals("patient-view", Json.parse(r.out(), "stdout").path("hook").asText(), r::toString);
  }

  @Test
  void colourFollowsTheFlagThenTheEnvironmentThenTheTerminal() {
    assertTrue(render(cli().terminal()).contains(ANSI), "a terminal gets colours");
    assertFalse(render(cli().terminal(), "--no-color").contains(ANSI), "--no-color");
    assertFalse(render(cli().terminal(), "--color", "never").contains(ANSI), "--color never");
    assertFalse(render(cli().terminal().env("NO_COLOR", "1")).contains(ANSI), "NO_COLOR");
    assertFalse(render(cli().terminal().env("TERM", "dumb")).contains(ANSI), "TERM=dumb");
    assertTrue(render(cli().terminal().env("NO_COLOR", "1"), "--color=always").contains(ANSI), "the flag beats NO_COLOR");
    assertFalse(render(cli(), "--output", "pretty").contains(ANSI), "a pipe gets none");
    assertTrue(render(cli().env("FORCE_COLOR", "1"), "--output", "pretty").contains(ANSI), "FORCE_COLOR");
    assertTrue(render(cli(), "--output", "pretty", "--color", "always").contains(ANSI), "--color always");
    assertFalse(render(cli().terminal().env("FORCE_COLOR", "1").env("NO_COLOR", "1")).contains(ANSI), "NO_COLOR wins");
    assertFalse(render(cli().terminal(), "--color", "always", "--output", "json").contains(ANSI), "never in JSON");
  }

  @Test
  void badColourValueIsUsage() {
    Cli.Result r = cli().run("--color", "sometimes", "hooks");
    assertEquals(2, r.code(), r::toString);
    assertEquals("cds: --color sometimes is not one of auto, always, never\n", r.err());
  }

  private static String render(Cli cli, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "render";
    args[1] = CARD;
    System.arraycopy(options, 0, args, 2, options.length);
    Cli.Result r = cli.run(args);
    assertEquals(0, r.code(), r::toString);
    return r.out();
  }

  @Test
  void theCommandIsFoundBehindGlobalOptionsWithoutReorderingAnything() {
    assertEquals("call", Main.commandName(new String[] {"-v", "--output", "json", "--color=never", "call", "x"}));
    assertEquals("init", Main.commandName(new String[] {"--profile", "payer", "--stacktrace", "init"}));
    assertEquals("hooks", Main.commandName(new String[] {"hooks", "-v"}));
    assertNull(Main.commandName(new String[] {"--help", "call"}), "top-level help needs every command");
    assertNull(Main.commandName(new String[] {"-v"}));
    assertNull(Main.commandName(new String[] {"bogus", "call"}));
  }

  /** Main's lists of global options (to step over them) are the options the root declares. */
  @Test
  void mainKnowsEveryGlobalOptionAndWhetherItTakesAValue() {
    CommandLine root = Main.build(context(), "hooks", new String[] {"hooks"});
    Set<String> withValue = new HashSet<>();
    Set<String> without = new HashSet<>();
    for (OptionSpec o : root.getCommandSpec().options()) {
      if (o.scopeType() == CommandLine.ScopeType.INHERIT) {
        (o.arity().max > 0 ? withValue : without).addAll(Set.of(o.names()));
      }
    }
    assertEquals(GlobalFlags.WITH_VALUE, withValue);
    assertEquals(GlobalFlags.WITHOUT_VALUE, without);
    for (String name : withValue) {
      assertTrue(root.getSubcommands().get("hooks").getCommandSpec().optionsMap().containsKey(name), name);
    }
  }

  /** Start-up: a run builds the model of its own command only (DESIGN.md, performance). */
  @Test
  void onlyTheInvokedCommandIsBuilt() {
    assertEquals(Set.of("init"), Main.build(context(), "init", new String[] {"-v", "init"}).getSubcommands().keySet());
    Set<String> all = new HashSet<>();
    Commands.names().forEach(all::add);
    assertEquals(all, Main.build(context(), null, new String[] {"--help"}).getSubcommands().keySet());
  }

  private static CliContext context() {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false, Path.of("target"));
  }
}
