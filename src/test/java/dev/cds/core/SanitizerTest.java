package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SanitizerTest {
  /** What a hostile service puts in a card: clear screen, colours, a title, an OSC 8 link, a DSR query. */
  static final String HOSTILE = "\u001b[2J\u001b[H\u001b[32mINFO\u001b[0m\u001b]0;pwned\u0007"
      + "\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\\u001b[6n\r\b\u009b31m\u202egnp.exe";

  @Test
  void escapesEveryControlVisiblyInOneLine() {
    String line = Sanitizer.line(HOSTILE + "\nsecond\tcell");
    assertEquals("\\e[2J\\e[H\\e[32mINFO\\e[0m\\e]0;pwned\\a\\e]8;;https://evil.example\\e\\click\\e]8;;\\e\\"
        + "\\e[6n\\r\\b\\u009b31m\\u202egnp.exe\\nsecond\\tcell", line);
    assertTrue(line.chars().noneMatch(Sanitizer::isUnsafe), line);
  }

  @Test
  void keepsNewlinesAndTabsOfMultiLineTextAndTurnsCrlfIntoNewlines() {
    assertEquals("a\n\tb\nc\\rd\\e[31m", Sanitizer.text("a\r\n\tb\nc\rd\u001b[31m"));
  }

  @Test
  void escapesDelC1AndEveryBidiControl() {
    int[] bidi = {0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069};
    for (int c : bidi) {
      assertEquals(String.format("x\\u%04xy", c), Sanitizer.line("x" + (char) c + "y"));
    }
    assertEquals("\\u007f\\u0080\\u009f", Sanitizer.line("\u007f\u0080\u009f"));
    assertEquals("\\0\\v\\f\\u001f", Sanitizer.text("\u0000\u000b\u000c\u001f"));
  }

  @Test
  void leavesOrdinaryTextAloneIncludingOtherUnicode() {
    String plain = "Prior authorization — needed für MRI ✓ 日本語 é \\e stays";
    assertSame(plain, Sanitizer.line(plain));
    assertEquals("\u00a0\u200b\u2028", Sanitizer.line("\u00a0\u200b\u2028"));
    assertNull(Sanitizer.line(null));
    assertFalse(Sanitizer.isUnsafe('a'));
  }
}
