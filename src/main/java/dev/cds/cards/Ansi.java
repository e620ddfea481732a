package dev.cds.cards;

/** SGR styling that disappears when colour is off, so plain output carries no escape codes. */
final class Ansi {
  static final String BOLD = "1";
  static final String DIM = "2";
  static final String ITALIC = "3";
  static final String UNDERLINE = "4";
  static final String STRIKE = "9";
  static final String YELLOW = "33";
  static final String CYAN = "36";
  static final String RED = "31";
  static final String GREEN = "32";

  private final boolean on;

  Ansi(boolean on) {
    this.on = on;
  }

  boolean on() {
    return on;
  }

  String paint(String text, String codes) {
    if (!on || codes == null || codes.isEmpty() || text.isEmpty()) {
      return text;
    }
    return "\u001b[" + codes + "m" + text + "\u001b[0m";
  }

  static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    return b == null || b.isEmpty() ? a : a + ";" + b;
  }
}
