package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A locale that is not UTF-8 gets ASCII only (stand-ins for rules, bullets, arrows, the ellipsis,
 * never a bare ?); a UTF-8 locale gets the Unicode glyphs. The locale comes from the environment
 * cds is given, as POSIX reads it (LC_ALL, then LC_CTYPE, then LANG).
 */
class LocaleOutputTest {
  private static final String RESPONSE = "src/test/resources/widths/response.json";
  private static final String OTHER = "src/test/resources/widths/response-b.json";

  @Test
  void renderInTheCLocaleIsAscii() {
    Cli.Result r = cli().env("LANG", "C").terminal().run("render", RESPONSE, "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertAscii(r.out());
    assertAscii(r.err());
    assertTrue(r.out().contains("source: Payer -- coverage requirements service"), r.out());
    assertTrue(r.out().contains("Cafe * the selected facility -- see the payer's policy..."), r.out());
    assertTrue(r.out().contains("  x 'selectionBehavior' is required"), r.out());
    assertTrue(r.out().contains("/cards/0 - uuid"), r.out());
    assertFalse(r.out().contains("?"), "no glyph becomes ?: " + r.out());
  }

  @Test
  void renderInAUtf8LocaleKeepsTheGlyphs() {
    Cli.Result r = cli().env("LANG", "en_US.UTF-8").terminal().run("render", RESPONSE);
    assertTrue(r.out().contains("Payer — coverage requirements service"), r.out());
    assertTrue(r.out().contains("  ✗ 'selectionBehavior' is required"), r.out());
    assertTrue(r.out().contains("/cards/0 · uuid"), r.out());
  }

  @Test
  void severalServicesHeadingsRulesAndTotalsAreAscii() throws IOException {
    Path multi = Files.createTempFile("cds-multi", ".ndjson");
    String one = Json.compact(Json.parse(
        "{\"service\":\"a\",\"hook\":\"order-sign\",\"status\":200,\"elapsedMs\":12,\"body\":" + Files.readString(Path.of(RESPONSE)) + "}", "a"));
    Files.writeString(multi, one + "\n" + one.replace("\"service\":\"a\"", "\"service\":\"b\"") + "\n");
    Cli.Result r = cli().env("LC_ALL", "POSIX").env("LANG", "en_US.UTF-8").terminal().run("render", multi.toString(), "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertAscii(r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("-- a (order-sign) - HTTP 200 - ") && l.endsWith("---")), r.out());
    Files.delete(multi);
  }

  @Test
  void diffMarkersAndArrowsAreAscii() {
    Cli.Result r = cli().env("LANG", "C").terminal().run("diff", RESPONSE, OTHER);
    assertEquals(1, r.code(), r::toString);
    assertAscii(r.out());
    assertTrue(r.out().contains("/indicator: \"warning\" -> \"critical\""), r.out());
    Cli.Result utf8 = cli().env("LC_CTYPE", "de_DE.utf8").terminal().run("diff", RESPONSE, OTHER);
    assertTrue(utf8.out().contains("/indicator: \"warning\" → \"critical\""), utf8.out());
  }

  @Test
  void tablesHelpAndMessagesAreAscii() {
    Cli.Result hooks = cli().env("LANG", "C").env("COLUMNS", "80").terminal().run("hooks");
    assertAscii(hooks.out());
    assertTrue(hooks.out().contains("yes -> orde..."), hooks.out());
    Cli.Result help = cli().env("LANG", "C").run("test", "--help");
    assertAscii(help.out());
    assertTrue(help.out().contains("+ pass, x fail"), help.out());
    Cli.Result error = cli().env("LANG", "C").run("keys", "jwks", "src/test/resources/widths/README.md");
    assertAscii(error.err());
  }

  @Test
  void jsonStaysExactInAnAsciiLocale() throws IOException {
    Cli.Result r = cli().env("LANG", "C").run("render", RESPONSE, "--output", "json");
    assertEquals(0, r.code(), r::toString);
    assertAscii(r.out());
    String detail = Json.parse(r.out(), "out").at("/cards/0/detail").asText();
    assertEquals("Café • the *selected* facility — see the payer’s policy…", detail, r.out());
  }

  @Test
  void renderAndDiffTakePrettyOnAPipe() {
    Cli.Result plain = cli().run("render", RESPONSE, "--output", "pretty");
    assertEquals(0, plain.code(), plain::toString);
    assertTrue(plain.out().startsWith("[WARNING] Prior authorization"), plain.out());
    assertFalse(plain.out().contains("\u001b"), "no escapes on a pipe without --color=always");
    Cli.Result coloured = cli().run("render", RESPONSE, "--output", "pretty", "--color=always");
    assertTrue(coloured.out().contains("\u001b[1m"), coloured.out());
    assertTrue(coloured.out().contains(" WARNING "), coloured.out());

    Cli.Result diff = cli().run("diff", RESPONSE, OTHER, "--output", "pretty");
    assertEquals(1, diff.code(), diff::toString);
    assertTrue(diff.out().startsWith("~ card [critical]"), diff.out());
    assertFalse(diff.out().contains("\u001b"), diff.out());
    Cli.Result diffColoured = cli().run("diff", RESPONSE, OTHER, "--output", "pretty", "--color=always");
    assertTrue(diffColoured.out().contains("\u001b["), diffColoured.out());
    assertFalse(cli().run("diff", RESPONSE, OTHER).out().startsWith("~"), "JSON by default on a pipe");
  }

  static void assertAscii(String s) {
    s.chars().filter(c -> c > 0x7e && c != 0x1b).findFirst()
        .ifPresent(c -> assertTrue(false, "non-ASCII U+" + Integer.toHexString(c) + " in:\n" + s));
  }
}
