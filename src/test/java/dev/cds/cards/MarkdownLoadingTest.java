package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The markdown parser (commonmark-java) loads only when a card with {@code detail} is rendered:
 * never on {@code cds init}, nor for cards without detail. Each run is {@code Main.run} in a fresh
 * class loader that records every class it is asked for.
 */
class MarkdownLoadingTest {
  @TempDir Path dir;

  static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    boolean loadedCommonmark() {
      return requested.stream().anyMatch(n -> n.startsWith("org.commonmark."));
    }
  }

  @Test
  void initLoadsNoMarkdownParser() throws Exception {
    try (RecordingLoader loader = loader()) {
      assertEquals(0, run(loader, "init", "order-sign"));
      assertFalse(loader.loadedCommonmark(), "cds init must not load commonmark");
    }
  }

  @Test
  void cardsWithoutDetailLoadNoMarkdownParser() throws Exception {
    Path cards = dir.resolve("cards.json");
    Files.writeString(cards, "{\"cards\":[{\"summary\":\"Flu shot due\",\"indicator\":\"info\",\"source\":{\"label\":\"CDC\"}}]}");
    try (RecordingLoader loader = loader()) {
      assertEquals(0, run(loader, "render", cards.toString(), "--output", "pretty"));
      assertFalse(loader.loadedCommonmark(), "no detail, no markdown parser");
    }
  }

  @Test
  void aCardWithDetailLoadsIt() throws Exception {
    Path cards = dir.resolve("cards.json");
    Files.writeString(cards, "{\"cards\":[{\"summary\":\"Flu shot due\",\"indicator\":\"info\",\"source\":{\"label\":\"CDC\"},"
        + "\"detail\":\"| a | b |\\n|---|---|\\n| 1 | 2 |\"}]}");
    try (RecordingLoader loader = loader()) {
      assertEquals(0, run(loader, "render", cards.toString(), "--output", "pretty"));
      assertTrue(loader.loadedCommonmark(), "the detail is parsed with commonmark");
    }
  }

  private static int run(RecordingLoader loader, String... args) throws Exception {
    Class<?> context = loader.loadClass("dev.cds.cli.CliContext");
    Object ctx = context.getMethod("system", PrintWriter.class, PrintWriter.class)
        .invoke(null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Class<?> main = loader.loadClass("dev.cds.cli.Main");
    return (int) main.getMethod("run", String[].class, context).invoke(null, args, ctx);
  }

  private static RecordingLoader loader() throws MalformedURLException {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    return new RecordingLoader(urls);
  }
}
