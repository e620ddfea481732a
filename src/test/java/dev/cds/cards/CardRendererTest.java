package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.ServiceOutcome;
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
    String text = new CardRenderer(RenderOptions.plain(width)).render(outcomes);
    Golden.check("render/" + input.replaceAll("\\.[a-z]+$", "") + ".w" + width + ".txt", text);
    for (String line : text.split("\n")) {
      assertFalse(line.contains("\u001b"), "no escape codes without colour: " + line);
    }
  }

  @Test
  void wrappedLinesStayWithinTheWidthExceptForLongWords() {
    String text = new CardRenderer(RenderOptions.plain(50))
        .render(Responses.parse(Golden.read("render/full.json"), "full.json"));
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
        .renderResponse(Responses.parse(Golden.read("render/full.json"), "full.json").get(0).body());
    assertTrue(text.contains("\u001b[1;97;41m CRITICAL \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1;30;43m WARNING \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1;97;44m INFO \u001b[0m"), text);
    assertTrue(text.contains("\u001b[1mPrior authorization required for MRI"), "summary in bold");
  }

  @Test
  void neverThrowsOnOddShapes() {
    CardRenderer r = new CardRenderer(RenderOptions.plain(60));
    for (String json : List.of("[]", "3", "{\"cards\":[null, 1, [], {}]}", "{\"cards\":[{\"indicator\":7,\"summary\":[],\"source\":{\"topic\":\"x\"},\"links\":[1],\"overrideReasons\":[null]}]}",
        "{\"cards\":[],\"systemActions\":[1, {\"resource\":{\"extension\":[{\"url\":\"x/ext-coverage-information\"}]}}]}")) {
      String out = r.renderResponse(dev.cds.core.Json.parse(json, "test"));
      assertTrue(out.contains("!") || out.contains("No cards"), out);
    }
  }
}
