package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.testing.RecordingLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markdown parser (commonmark-java) loads only when a card with {@code detail} is rendered:
 * never on {@code cds init}, nor for cards without detail. Each run is {@code Main.run} in a fresh
 * {@link RecordingLoader}.
 */
class MarkdownLoadingTest {
  private static final String COMMONMARK = "org.commonmark.";

  @TempDir Path dir;

  @Test
  void initLoadsNoMarkdownParser() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      assertEquals(0, loader.runCds("init", "order-sign"));
      assertFalse(loader.loaded(COMMONMARK), "cds init must not load commonmark");
    }
  }

  @Test
  void cardsWithoutDetailLoadNoMarkdownParser() throws Exception {
    Path cards = dir.resolve("cards.json");
    Files.writeString(cards, "{\"cards\":[{\"summary\":\"Flu shot due\",\"indicator\":\"info\",\"source\":{\"label\":\"CDC\"}}]}");
    try (RecordingLoader loader = new RecordingLoader()) {
      assertEquals(0, loader.runCds("render", cards.toString(), "--output", "pretty"));
      assertFalse(loader.loaded(COMMONMARK), "no detail, no markdown parser");
    }
  }

  @Test
  void aCardWithDetailLoadsIt() throws Exception {
    Path cards = dir.resolve("cards.json");
    Files.writeString(cards, "{\"cards\":[{\"summary\":\"Flu shot due\",\"indicator\":\"info\",\"source\":{\"label\":\"CDC\"},"
        + "\"detail\":\"| a | b |\\n|---|---|\\n| 1 | 2 |\"}]}");
    try (RecordingLoader loader = new RecordingLoader()) {
      assertEquals(0, loader.runCds("render", cards.toString(), "--output", "pretty"));
      assertTrue(loader.loaded(COMMONMARK), "the detail is parsed with commonmark");
    }
  }
}
