package dev.cds.cards;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping of styled text. Lengths count visible characters only, so wrapping is the same
 * with and without colour. A word longer than the line (a URL) gets a line of its own, unbroken,
 * so it stays copyable.
 */
public final class Wrapper {
  private Wrapper() {}

  /** Plain text wrapped to {@code width}, every line starting with {@code indent}. */
  public static List<String> plain(String text, int width, String indent) {
    return wrap(text, width, indent, indent, new Ansi(false));
  }

  static List<String> wrap(String text, int width, String first, String rest, Ansi ansi) {
    return wrap(List.of(Span.plain(text)), width, first, rest, ansi);
  }

  static List<String> wrap(List<Span> spans, int width, String first, String rest, Ansi ansi) {
    List<String> lines = new ArrayList<>();
    List<Span> line = new ArrayList<>();
    String indent = first;
    int used = first.length();
    for (List<Span> word : words(spans)) {
      int len = 0;
      for (Span s : word) {
        len += dev.cds.core.DisplayWidth.of(s.text());
      }
      if (!line.isEmpty() && used + 1 + len > width) {
        lines.add(emit(indent, line, ansi));
        line = new ArrayList<>();
        indent = rest;
        used = rest.length();
      }
      if (!line.isEmpty()) {
        Span before = line.get(line.size() - 1);
        line.add(new Span(" ", before.style().equals(word.get(0).style()) ? before.style() : ""));
        used++;
      }
      line.addAll(word);
      used += len;
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(emit(indent, line, ansi).stripTrailing());
    }
    return lines;
  }

  /** One escape sequence per run of equal style rather than per word. */
  private static String emit(String indent, List<Span> line, Ansi ansi) {
    StringBuilder out = new StringBuilder(indent);
    StringBuilder run = new StringBuilder();
    String style = null;
    for (Span s : line) {
      if (style != null && !style.equals(s.style())) {
        out.append(ansi.paint(run.toString(), style));
        run.setLength(0);
      }
      style = s.style();
      run.append(s.text());
    }
    if (style != null) {
      out.append(ansi.paint(run.toString(), style));
    }
    return out.toString();
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
