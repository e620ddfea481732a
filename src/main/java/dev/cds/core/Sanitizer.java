package dev.cds.core;

/**
 * Makes text a remote party wrote safe to print on a terminal. Control characters would let a
 * service clear the screen, recolour a CRITICAL card as INFO, set the window title, forge a
 * hyperlink or make the terminal answer on stdin; bidi controls reorder what is shown. Each such
 * character is shown as a visible escape instead ({@code \e}, {@code \r}, <code>&#92;u009b</code>,
 * <code>&#92;u202e</code>), so the reader sees that something was there. Everything else is kept, and
 * styling is added by cds after this, never before.
 */
public final class Sanitizer {
  private Sanitizer() {}

  /** For one line of output: newline and tab are escaped too. Null stays null. */
  public static String line(String untrusted) {
    return clean(untrusted, false);
  }

  /**
   * For multi-line text (a card's detail, an error body): newline and tab are kept, CRLF becomes
   * a newline; every other control character is escaped. Null stays null.
   */
  public static String text(String untrusted) {
    return clean(untrusted, true);
  }

  /** Whether {@code c} would be shown as an escape in single-line output. */
  public static boolean isUnsafe(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidi(c);
  }

  /** The bidi controls: ALM, LRM, RLM, the embeddings and overrides, and the isolates. */
  public static boolean isBidi(int c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static String clean(String s, boolean multiLine) {
    if (s == null || !needsWork(s, multiLine)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (multiLine && (c == '\n' || c == '\t')) {
        b.append(c);
      } else if (multiLine && c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        // a CRLF line end is a line end, not an attempt to overwrite the line
      } else if (isUnsafe(c)) {
        b.append(escape(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean needsWork(String s, boolean multiLine) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isUnsafe(c) && !(multiLine && (c == '\n' || c == '\t'))) {
        return true;
      }
    }
    return false;
  }

  private static String escape(char c) {
    return switch (c) {
      case 0x1b -> "\\e";
      case '\r' -> "\\r";
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\b' -> "\\b";
      case 0x07 -> "\\a";
      case '\f' -> "\\f";
      case 0x0b -> "\\v";
      case 0 -> "\\0";
      default -> String.format("\\u%04x", (int) c);
    };
  }
}
