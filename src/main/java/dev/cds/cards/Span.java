package dev.cds.cards;

/** A run of text in one style (SGR codes, empty for plain). */
record Span(String text, String style) {
  static Span plain(String text) {
    return new Span(text, "");
  }
}
