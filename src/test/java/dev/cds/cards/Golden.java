package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources. Run with {@code -Dgolden.update=true} to rewrite them
 * after a deliberate change, then review the diff before committing.
 */
final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {}

  static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void check(String path, String actual) {
    Path file = ROOT.resolve(path);
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("golden.update")) {
          throw new AssertionError("wrote missing golden file " + file + ": review it and run again");
        }
        return;
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
