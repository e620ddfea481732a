package dev.cds.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with a header row, columns padded to their widest cell. Given a width, it
 * fits: the columns marked {@link #shrink shrinkable} (free text such as titles) give up columns
 * first, widest first, their cells cut with an ellipsis; ids and numbers stay whole. When that is
 * not enough, each row is shown as a block of "HEADER  value" lines instead (as psql's expanded
 * mode does), so the terminal never wraps a line.
 */
public final class Table {
  /** No width to fit: a pipe, where a line may be as long as it is. */
  public static final int UNLIMITED = Integer.MAX_VALUE;
  private static final int GAP = 2;
  /** A shrunk column keeps at least this many columns (or its header, if wider). */
  private static final int MIN_COLUMN = 8;

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private int[] shrinkable = {};

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    List<String> row = new ArrayList<>();
    for (String c : cells) {
      // cells often quote what a server sent: made safe for a terminal here, once for every table
      row.add(c == null ? "" : Sanitizer.line(c));
    }
    rows.add(row);
    return this;
  }

  /** The columns (by index) that may be cut to fit a width, e.g. a title or a description. */
  public Table shrink(int... columns) {
    this.shrinkable = columns.clone();
    return this;
  }

  /** Every cell whole, however wide. */
  @Override
  public String toString() {
    return render(UNLIMITED, Glyphs.UNICODE);
  }

  /** The table in at most {@code width} columns per line ({@link #UNLIMITED} for no limit). */
  public String render(int width, Glyphs glyphs) {
    List<String> head = header.stream().map(glyphs::text).toList();
    List<List<String>> body = rows.stream().map(r -> r.stream().map(glyphs::text).toList()).toList();
    int[] widths = new int[head.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = DisplayWidth.of(head.get(i));
      for (List<String> r : body) {
        widths[i] = Math.max(widths[i], DisplayWidth.of(r.get(i)));
      }
    }
    if (width != UNLIMITED && !shrinkTo(widths, head, width)) {
      return expanded(head, body, width, glyphs);
    }
    StringBuilder sb = new StringBuilder();
    line(sb, head, widths, glyphs);
    for (List<String> r : body) {
      line(sb, r, widths, glyphs);
    }
    return sb.toString();
  }

  /** Narrows the shrinkable columns, widest first, until the lines fit; false when they cannot. */
  private boolean shrinkTo(int[] widths, List<String> head, int width) {
    int excess = total(widths) - width;
    while (excess > 0) {
      int widest = -1;
      for (int c : shrinkable) {
        int floor = Math.max(DisplayWidth.of(head.get(c)), MIN_COLUMN);
        if (widths[c] > floor && (widest < 0 || widths[c] > widths[widest])) {
          widest = c;
        }
      }
      if (widest < 0) {
        return false;
      }
      widths[widest]--;
      excess--;
    }
    return true;
  }

  private static int total(int[] widths) {
    int sum = GAP * (widths.length - 1);
    for (int w : widths) {
      sum += w;
    }
    return sum;
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths, Glyphs glyphs) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = DisplayWidth.truncate(cells.get(i), widths[i], glyphs.ellipsis());
      l.append(cell);
      if (i < cells.size() - 1) {
        l.append(" ".repeat(widths[i] - DisplayWidth.of(cell) + GAP));
      }
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  /** One block per row, "HEADER  value", values wrapped under themselves; blocks apart by a blank line. */
  private String expanded(List<String> head, List<List<String>> body, int width, Glyphs glyphs) {
    int label = head.stream().mapToInt(DisplayWidth::of).max().orElse(0) + GAP;
    if (label > width / 2) {
      label = 0; // too narrow for a label column: values go under their labels
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : body) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      for (int i = 0; i < head.size(); i++) {
        String name = head.get(i);
        String value = r.get(i);
        if (value.isEmpty()) {
          continue;
        }
        String first = label == 0 ? "" : name + " ".repeat(label - DisplayWidth.of(name));
        if (label == 0) {
          sb.append(DisplayWidth.truncate(name, width, glyphs.ellipsis())).append('\n');
        }
        String rest = label == 0 ? "  " : " ".repeat(label);
        for (String l : DisplayWidth.wrap(value, width, label == 0 ? rest : first, rest)) {
          sb.append(l.stripTrailing()).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
