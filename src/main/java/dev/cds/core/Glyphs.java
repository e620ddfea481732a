package dev.cds.core;

import java.text.Normalizer;
import java.util.Map;

/**
 * The characters cds draws with (rules, bullets, arrows, the ellipsis, check marks) and what
 * stands in for them where the terminal cannot show Unicode. Which applies is the locale's
 * choice, read as POSIX does: the first set of {@code LC_ALL}, {@code LC_CTYPE}, {@code LANG};
 * only a value naming UTF-8 gets Unicode (unset, {@code C} and {@code POSIX} get ASCII).
 */
public final class Glyphs {
  public static final Glyphs UNICODE = new Glyphs(false);
  public static final Glyphs ASCII = new Glyphs(true);

  /**
   * ASCII for every non-ASCII character cds itself prints, so that no glyph becomes {@code ?};
   * single-column glyphs get single-column stand-ins where one reads well, so layouts keep
   * their width.
   */
  private static final Map<Integer, String> STAND_INS = Map.ofEntries(
      Map.entry(0x2026, "..."), // … ellipsis
      Map.entry(0x2192, "->"), // → arrow
      Map.entry(0x2190, "<-"),
      Map.entry(0x2500, "-"), // ─ box-drawing rule
      Map.entry(0x2502, "|"), // │ box-drawing bar
      Map.entry(0x2022, "*"), // • bullet
      Map.entry(0x00b7, "-"), // · middle dot, the separator
      Map.entry(0x2717, "x"), // ✗ failure mark
      Map.entry(0x2713, "+"), // ✓ pass mark
      Map.entry(0x2605, "*"), // ★ recommended
      Map.entry(0x2013, "-"), // – en dash
      Map.entry(0x2014, "--"), // — em dash
      Map.entry(0x00b1, "+/-"), // ±
      Map.entry(0x2261, "="), // ≡
      Map.entry(0x00a7, "S."), // § section sign
      Map.entry(0x00a0, " "),
      Map.entry(0x2018, "'"),
      Map.entry(0x2019, "'"),
      Map.entry(0x201c, "\""),
      Map.entry(0x201d, "\""),
      Map.entry(0x2264, "<="),
      Map.entry(0x2265, ">="),
      Map.entry(0x00d7, "x"));

  private final boolean ascii;

  private Glyphs(boolean ascii) {
    this.ascii = ascii;
  }

  /** The glyphs for the locale in {@code env} (the process environment, or a test's). */
  public static Glyphs of(Map<String, String> env) {
    return utf8(env) ? UNICODE : ASCII;
  }

  /** Whether the locale's character set is UTF-8: the first non-empty of LC_ALL, LC_CTYPE, LANG decides. */
  public static boolean utf8(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        String codeset = v.toLowerCase(java.util.Locale.ROOT).replace("-", "");
        return codeset.contains("utf8");
      }
    }
    return false;
  }

  public boolean ascii() {
    return ascii;
  }

  public String ellipsis() {
    return ascii ? "..." : "\u2026";
  }

  /** {@code text} as this terminal can show it: unchanged for Unicode; glyphs replaced for ASCII. */
  public String text(String text) {
    if (!ascii || text == null) {
      return text;
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int n = Character.charCount(c);
      if (c < 0x80) {
        if (b != null) {
          b.append((char) c);
        }
      } else {
        if (b == null) {
          b = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        b.append(standIn(c));
      }
      i += n;
    }
    return b == null ? text : b.toString();
  }

  /**
   * ASCII for one character: a glyph's stand-in; a letter with accents as its base letter
   * ({@code é} → {@code e}); anything else as a visible {@code <U+4E2D>}, never a bare {@code ?}.
   */
  static String standIn(int c) {
    String s = STAND_INS.get(c);
    if (s != null) {
      return s;
    }
    String base = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    boolean printableAscii = !base.isEmpty();
    for (int i = 0; i < base.length(); i++) {
      printableAscii &= base.charAt(i) >= 0x20 && base.charAt(i) < 0x7f;
    }
    if (printableAscii) {
      return base;
    }
    return String.format("<U+%04X>", c);
  }
}
