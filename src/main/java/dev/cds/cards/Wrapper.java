package dev.cds.cards;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping of styled text. Lengths count visible characters only, so wrapping is the same
 * with and without colour. A word longer than the line (a URL) gets a line of its own, unbroken,
 * so it stays copyable.
 */
final class Wrapper {
  private Wrapper() {}

  static List<String> wrap(String text, int width, String first, String rest, Ansi ansi) {
    return wrap(List.of(Span.plain(text)), width, first, rest, ansi);
  }

  static List<String> wrap(List<Span> spans, int width, String first, String rest, Ansi ansi) {
    List<List<Span>> words = words(spans);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    int used = first.length();
    boolean empty = true;
    for (List<Span> word : words) {
      int len = 0;
      for (Span s : word) {
        len += s.text().length();
      }
      if (!empty && used + 1 + len > width) {
        lines.add(line.toString());
        line = new StringBuilder(rest);
        used = rest.length();
        empty = true;
      }
      if (!empty) {
        line.append(' ');
        used++;
      }
      for (Span s : word) {
        line.append(ansi.paint(s.text(), s.style()));
      }
      used += len;
      empty = false;
    }
    if (!empty || lines.isEmpty()) {
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Splits at spaces; a word may hold several spans ("**bold**," is a bold and a plain span). */
  private static List<List<Span>> words(List<Span> spans) {
    List<List<Span>> words = new ArrayList<>();
    List<Span> current = new ArrayList<>();
    for (Span span : spans) {
      String[] parts = span.text().replace('\n', ' ').replace('\t', ' ').split(" ", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0 && !current.isEmpty()) {
          words.add(current);
          current = new ArrayList<>();
        }
        if (!parts[i].isEmpty()) {
          current.add(new Span(parts[i], span.style()));
        }
      }
    }
    if (!current.isEmpty()) {
      words.add(current);
    }
    return words;
  }
}
