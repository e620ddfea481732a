package dev.cds.cards;

/** Stand-in until the core sanitiser lands: control and bidi characters shown visibly. */
final class Sanitizer {
  private Sanitizer() {}

  static String line(String s) {
    return escape(s, false);
  }

  static String text(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean multiline) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean keep = multiline && (c == '\n' || c == '\t');
      if (!keep && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x061c || c == 0x200e || c == 0x200f
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) {
        b.append(c == 0x1b ? "\\e" : String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
