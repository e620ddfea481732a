package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlyphsTest {
  @Test
  void theLocaleIsReadAsPosixDoes() {
    assertFalse(Glyphs.utf8(Map.of()), "unset");
    assertFalse(Glyphs.utf8(Map.of("LANG", "C")));
    assertFalse(Glyphs.utf8(Map.of("LANG", "POSIX")));
    assertFalse(Glyphs.utf8(Map.of("LANG", "en_US.ISO-8859-1")));
    assertTrue(Glyphs.utf8(Map.of("LANG", "en_US.UTF-8")));
    assertTrue(Glyphs.utf8(Map.of("LANG", "C.utf8")));
    assertFalse(Glyphs.utf8(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8")), "LC_ALL wins");
    assertTrue(Glyphs.utf8(Map.of("LC_CTYPE", "de_DE.UTF-8", "LANG", "C")), "LC_CTYPE before LANG");
    assertTrue(Glyphs.utf8(Map.of("LC_ALL", "", "LANG", "en_GB.UTF-8")), "an empty value does not count");
  }

  @Test
  void everyGlyphHasAnAsciiStandIn() {
    assertEquals("-- a - b -> c ... * x + | ---", Glyphs.ASCII.text("— a · b → c … • ✗ ✓ │ ───"));
    assertEquals("Cafe <U+4E2D>", Glyphs.ASCII.text("Café 中"));
    assertEquals("— a", Glyphs.UNICODE.text("— a"));
    assertEquals("...", Glyphs.ASCII.ellipsis());
  }

  @Test
  void theAsciiWriterEscapesJsonAndTransliteratesText() throws IOException {
    StringWriter json = new StringWriter();
    try (AsciiWriter w = new AsciiWriter(json, () -> true)) {
      String s = "\"é😀\"";
      w.write(s.substring(0, 3)); // the pair split between two writes
      w.write(s.substring(3));
    }
    assertEquals("\"\\u00e9\\ud83d\\ude00\"", json.toString());
    assertEquals("é😀", Json.parse(json.toString(), "j").asText());
    StringWriter text = new StringWriter();
    try (AsciiWriter w = new AsciiWriter(text, () -> false)) {
      w.write("a → b … 😀");
    }
    assertEquals("a -> b ... <U+1F600>", text.toString());
  }
}
