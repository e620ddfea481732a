package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.model.ServiceOutcome;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.Validator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CardRendererTest {

  @ParameterizedTest(name = "{0} at width {1}")
  @CsvSource({
    "full.json, 80",
    "full.json, 50",
    "seed-crd.json, 72",
    "digest-example.json, 80",
    "malformed.json, 80",
    "cards-not-array.json, 80",
    "services.ndjson, 80",
    "services.ndjson, 40",
  })
  void rendersGolden(String input, int width) {
    List<ServiceOutcome> outcomes = Responses.parse(Golden.read("render/" + input), input);
    String text = new CardRenderer(RenderOptions.plain(width)).render(shown(outcomes));
    Golden.check("render/" + input.replaceAll("\\.[a-z]+$", "") + ".w" + width + ".txt", text);
    for (String line : text.split("\n")) {
      assertFalse(line.contains("\u001b"), "no escape codes without colour: " + line);
    }
  }

  @Test
  void wrappedLinesStayWithinTheWidthExceptForLongWords() {
    String text = new CardRenderer(RenderOptions.plain(50))
        .render(shown(Responses.parse(Golden.read("render/full.json"), "full.json")));
    for (String line : text.split("\n")) {
      if (line.length() > 50) {
        String longest = java.util.Arrays.stream(line.trim().split(" "))
            .max(java.util.Comparator.comparingInt(String::length)).orElse("");
        assertTrue(longest.length() > 50 - 8 || line.startsWith("──"), "overlong line: " + line);
      }
    }
  }

  @Test
  void colourAddsBadgeAndBoldButKeepsTheWord() {
    String text = new CardRenderer(new RenderOptions(80, true))
        .renderResponse(Responses.parse(Golden.read("render/full.json"), "full.json").get(0).body(), List.of());
    assertTrue(text.contains("\u001b[1;97;41m CRITICAL \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1;30;43m WARNING \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1;97;44m INFO \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1mPrior authorization required for MRI"), "summary in bold");
  }

  @Test
  void oddShapesShowWhatCanBeShownAndTheValidatorsFindingsUnderTheirCard() {
    CardRenderer r = new CardRenderer(RenderOptions.plain(60));
    String out = r.renderResponse(Json.parse("{\"cards\":[null, 1, [], {}]}", "test"),
        List.of(Finding.error("x.rule", "/cards/1", "card one is a number")));
    assertTrue(out.contains("[?] null"), out);
    assertTrue(out.contains("[?] 1\n  ✗ card one is a number [x.rule /cards/1]\n  /cards/1"), out);
    assertTrue(out.contains("[?] (no summary)"), out);

    out = r.renderResponse(Json.parse("{\"cards\":[{\"indicator\":7,\"summary\":[],\"source\":{\"topic\":\"x\"},"
        + "\"links\":[1],\"overrideReasons\":[null]}]}", "test"), List.of());
    assertTrue(out.startsWith("[?] (no summary)\n  source: (no label)\n"), out);
    assertTrue(out.contains("Links:\n    • (no label) <no url>"), out);
    assertTrue(out.contains("Override reasons:\n    • (no display)"), out);

    out = r.renderResponse(Json.parse("{\"cards\":[],\"systemActions\":[1, {\"resource\":{\"resourceType\":\"Task\","
        + "\"extension\":[{\"url\":\"x/ext-coverage-information\"}]}}]}", "test"),
        List.of(Finding.warning("y", "/systemActions/0", "not an object")));
    assertTrue(out.contains("No cards."), out);
    assertTrue(out.contains("System actions:\n  ?\n  Task — covered: –"), out);
    assertTrue(out.contains("! not an object [y /systemActions/0]"), out);

    out = r.renderResponse(Json.parse("[]", "test"), List.of(Finding.error("response.object", "", "not an object")));
    assertEquals("  ✗ not an object [response.object]\n", out);
  }

  @Test
  void countsCardsWithUnknownIndicatorsAsOther() {
    assertEquals("4 cards (1 critical, 2 info, 1 other)", CardRenderer.totals(new int[] {1, 0, 2, 1}));
  }

  @Test
  void controlCharactersFromTheServiceAreShownVisibly() {
    String out = new CardRenderer(RenderOptions.plain(80)).renderResponse(Json.parse(
        "{\"cards\":[{\"indicator\":\"info\",\"summary\":\"ok\\u001b[2J\\u202egone\",\"source\":{\"label\":\"L\\u0007\"}}]}",
        "test"), List.of());
    assertFalse(out.contains("\u001b"), out);
    assertFalse(out.contains("\u202e"), out);
    assertTrue(out.contains("ok\\e[2J\\u202egone"), out);
  }

  @Test
  void dangerousLinkSchemesAreNeverShownAsLinks() {
    String out = new CardRenderer(RenderOptions.plain(100)).renderResponse(Json.parse(
        "{\"cards\":[{\"indicator\":\"info\",\"summary\":\"s\",\"source\":{\"label\":\"L\"},"
            + "\"links\":[{\"label\":\"x\",\"url\":\"javascript:alert(1)\",\"type\":\"absolute\"}]}]}", "test"),
        List.of());
    assertFalse(out.contains("<javascript:"), out);
    assertTrue(out.contains("unsafe link not shown as a link: javascript:alert(1)"), out);
  }

  @Test
  void emptyListsGetNoHeadingAndLongAppContextIsShortened() {
    String out = new CardRenderer(RenderOptions.plain(80)).renderResponse(Json.parse(
        "{\"cards\":[{\"indicator\":\"info\",\"summary\":\"s\",\"source\":{\"label\":\"L\"},\"suggestions\":[],"
            + "\"overrideReasons\":[],\"links\":[{\"label\":\"app\",\"url\":\"https://a\",\"type\":\"smart\","
            + "\"appContext\":\"" + "x".repeat(312) + "\"}]}]}", "test"), List.of());
    assertFalse(out.contains("Suggestions"), out);
    assertFalse(out.contains("Override reasons"), out);
    assertTrue(out.contains("appContext: 312 characters"), out);
  }

  @Test
  void actionSelectionBehaviourIsSaidInWords() {
    String out = new CardRenderer(RenderOptions.plain(80)).renderResponse(Json.parse(
        "{\"cards\":[{\"indicator\":\"info\",\"summary\":\"s\",\"source\":{\"label\":\"L\"},"
            + "\"selectionBehavior\":\"any\",\"suggestions\":[{\"label\":\"both\",\"actionSelectionBehavior\":\"at-most-one\","
            + "\"actions\":[{\"type\":\"create\",\"description\":\"a\"},{\"type\":\"delete\",\"description\":\"b\"}]}]}]}",
        "test"), List.of());
    assertTrue(out.contains("Suggestions (choose any):\n    1. both\n       at most one of:\n         create: a\n"), out);
  }

  /** The cards with the validator's findings, as cds render shows them. */
  static List<CardRenderer.Shown> shown(List<ServiceOutcome> outcomes) {
    Validator v = new Validator(HookCatalog.bundled());
    return outcomes.stream().map(o -> new CardRenderer.Shown(o, o.failed() || o.body() == null ? List.of()
        : v.validate(o.body(), DocumentKind.RESPONSE, Validator.Options.of(false)))).toList();
  }
}
