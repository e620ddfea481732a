package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.auth.SigningKey;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cds capabilities}, {@code cds --version --output json} and the versions {@code cds hooks} names. */
class CapabilitiesCommandTest {
  private final HookCatalog catalog = HookCatalog.bundled();

  @Test
  void jsonNamesSpecVersionsHooksTokensAlgorithmsAndTheThreeOnesCdsHooks30AsksAbout() {
    Cli.Result r = cli().run("capabilities");
    assertEquals(0, r.code(), r::toString);
    JsonNode caps = Json.parse(r.out(), "out");
    assertEquals(SpecVersion.labels(), caps.at("/spec/versions").findValuesAsText("version"));
    assertEquals("2.0", caps.at("/spec/default").asText());
    assertEquals(catalog.names(), caps.at("/hooks/hooks").findValuesAsText("hook"));
    assertEquals(List.of("1.0", "1.1"), Json.MAPPER.convertValue(caps.at("/hooks/hooks/" + catalog.names().indexOf("order-sign")
        + "/versions"), List.class));
    assertEquals(catalog.library().version(), caps.at("/hooks/library/version").asText());
    assertEquals(List.of("2.0", "crd", "fhirpath"), Json.MAPPER.convertValue(caps.at("/prefetch/tokens"), List.class));
    assertEquals(List.of(SigningKey.ES384, SigningKey.RS384), Json.MAPPER.convertValue(caps.at("/jwt/sign"), List.class));
    assertTrue(caps.at("/actionSelectionBehavior/supported").asBoolean());
    assertTrue(caps.at("/feedback/supported").asBoolean());
    assertTrue(caps.at("/systemActions/rendered").asBoolean() && !caps.at("/systemActions/applied").asBoolean());
  }

  @Test
  void prettyIsPlainLanguageThatFitsTheTerminal() {
    Cli.Result r = cli().terminal().env("COLUMNS", "72").run("capabilities");
    assertEquals(0, r.code(), r::toString);
    for (String title : List.of("Specification versions", "Hooks", "Prefetch", "Authentication",
        "suggestion.actionSelectionBehavior", "systemActions", "Feedback")) {
      assertTrue(r.out().contains("\n" + title + "\n"), title + " in\n" + r.out());
    }
    assertTrue(r.out().contains("medication-verify 0.1.0"), r.out());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 72, l));
  }

  @Test
  void versionAsJson() {
    Cli.Result r = cli().run("--version", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    JsonNode v = Json.parse(r.out(), "out");
    assertTrue(v.has("version") && v.path("java").asText().equals(System.getProperty("java.version")), r.out());
    assertEquals(List.of("2.0", "3.0"), Json.MAPPER.convertValue(v.at("/spec/versions"), List.class));
    assertEquals(catalog.library().version(), v.at("/hookLibrary/version").asText());
    Cli.Result text = cli().run("--version");
    assertTrue(text.out().startsWith("cds ") && text.out().contains("CDS Hooks 2.0, 3.0"), text.out());
    assertTrue(text.out().contains("Hook library " + catalog.library().version()), text.out());
  }

  @Test
  void hooksNamesTheLibraryAndSpecVersions() {
    String out = cli().terminal().run("hooks").out().replace('\n', ' ');
    assertTrue(out.contains("Hook library " + catalog.library().version()), out);
    assertTrue(out.contains("CDS Hooks 2.0 and 3.0"), out);
    JsonNode list = Json.parse(cli().run("hooks").out(), "out");
    JsonNode sign = list.get(catalog.names().indexOf("order-sign"));
    assertEquals("CDSHookOrderSignContext", sign.path("contextModel").asText());
    assertEquals("http://cds-hooks.hl7.org/hooks/CodeSystem/HookCodes", sign.at("/code/system").asText());
    assertTrue(list.get(catalog.names().indexOf("medication-verify")).path("code").isNull(), "no code yet");
  }

  @ParameterizedTest
  @ValueSource(strings = {"capabilities", "keys", "validate", "hooks"})
  void helpHasExamplesAndFitsEightyColumns(String command) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        java.io.InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false, Path.of("target"));
    var cli = Main.build(ctx, command, new String[] {command}).getSubcommands().get(command);
    List<picocli.CommandLine> all = new java.util.ArrayList<>(List.of(cli));
    all.addAll(cli.getSubcommands().values());
    for (picocli.CommandLine c : all) {
      String help = c.getUsageMessage();
      assertTrue(help.contains("Examples:"), help);
      help.lines().forEach(l -> assertTrue(l.length() <= 80, c.getCommandName() + ": " + l));
    }
  }
}
