package dev.cds.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * GitHub-flavoured markdown (CommonMark with the GFM tables, strikethrough and autolink
 * extensions) drawn as terminal lines. Kept apart from {@link Markdown} so that the parser's
 * classes load only when a card with {@code detail} is rendered.
 */
final class GfmBlocks {
  private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final String COLUMN_GAP = "  ";
  private static final int MIN_COLUMN = 6;

  private final Parser parser = Parser.builder()
      .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()))
      .build();
  private final int width;
  private final Ansi ansi;

  GfmBlocks(int width, Ansi ansi) {
    this.width = width;
    this.ansi = ansi;
  }

  List<String> render(String markdown, String indent) {
    List<String> out = new ArrayList<>();
    blocks(parser.parse(markdown), indent, indent, "", false, out);
    return out;
  }

  /**
   * The children of {@code parent} as blocks separated by a blank line (none in a tight list
   * item); the first line starts with {@code first}.
   */
  private void blocks(Node parent, String first, String rest, String style, boolean tight, List<String> out) {
    boolean firstBlock = true;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (!firstBlock && !out.isEmpty() && !tight) {
        out.add("");
      }
      block(n, firstBlock ? first : rest, rest, style, out);
      firstBlock = false;
    }
  }

  private void block(Node n, String first, String rest, String style, List<String> out) {
    if (n instanceof Paragraph) {
      out.addAll(wrap(inlines(n, style), first, rest));
    } else if (n instanceof Heading) {
      out.addAll(wrap(inlines(n, Ansi.join(style, Ansi.BOLD)), first, rest));
    } else if (n instanceof ThematicBreak) {
      out.add(first + "─".repeat(Math.max(3, Math.min(40, width - first.length()))));
    } else if (n instanceof FencedCodeBlock code) {
      code(code.getLiteral(), first, rest, out);
    } else if (n instanceof IndentedCodeBlock code) {
      code(code.getLiteral(), first, rest, out);
    } else if (n instanceof HtmlBlock html) {
      // shown as the text it is: a terminal cannot draw HTML, and hiding it would hide content
      List<String> lines = html.getLiteral().stripTrailing().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        out.add((i == 0 ? first : rest) + lines.get(i));
      }
    } else if (n instanceof BulletList || n instanceof OrderedList) {
      list(n, first, rest, style, out);
    } else if (n instanceof BlockQuote) {
      String bar = "│ ";
      List<String> inner = new ArrayList<>();
      blocks(n, "", "", Ansi.join(style, Ansi.DIM), false, inner);
      for (int i = 0; i < inner.size(); i++) {
        out.add((i == 0 ? first : rest) + bar + inner.get(i));
      }
    } else if (n instanceof TableBlock) {
      table(n, first, rest, style, out);
    } else {
      blocks(n, first, rest, style, false, out);
    }
  }

  private void code(String literal, String first, String rest, List<String> out) {
    List<String> lines = literal.replaceFirst("\n$", "").lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      out.add((i == 0 ? first : rest) + "    " + ansi.paint(lines.get(i).stripTrailing(), Ansi.CYAN));
    }
  }

  /** Items one under the other, each with its marker and a hanging indent; nested lists indent further. */
  private void list(Node list, String first, String rest, String style, List<String> out) {
    int number = list instanceof OrderedList ordered ? ordered.getMarkerStartNumber() == null ? 1
        : ordered.getMarkerStartNumber() : 0;
    String delimiter = list instanceof OrderedList ordered && ordered.getMarkerDelimiter() != null
        ? ordered.getMarkerDelimiter() : ".";
    boolean firstItem = true;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (!(item instanceof ListItem)) {
        continue;
      }
      String marker = (list instanceof OrderedList ? number++ + delimiter : "•") + " ";
      String lead = (firstItem ? first : rest) + marker;
      String hang = rest + " ".repeat(marker.length());
      List<String> inner = new ArrayList<>();
      blocks(item, lead, hang, style, ((org.commonmark.node.ListBlock) list).isTight(), inner);
      if (inner.isEmpty()) {
        inner.add(lead.stripTrailing());
      }
      out.addAll(inner);
      firstItem = false;
    }
  }

  /**
   * A GFM table as aligned columns under a ruled header. Columns shrink (widest first) to fit the
   * terminal, their cells wrapping at word boundaries.
   */
  private void table(Node table, String first, String rest, String style, List<String> out) {
    List<List<TableCell>> rows = new ArrayList<>();
    collectRows(table, rows);
    if (rows.isEmpty()) {
      return;
    }
    int columns = 0;
    for (List<TableCell> row : rows) {
      columns = Math.max(columns, row.size());
    }
    int[] widths = new int[columns];
    List<List<List<Span>>> cells = new ArrayList<>();
    for (List<TableCell> row : rows) {
      List<List<Span>> spans = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        TableCell cell = c < row.size() ? row.get(c) : null;
        List<Span> s = cell == null ? List.of() : inlines(cell, cell.isHeader() ? Ansi.join(style, Ansi.BOLD) : style);
        spans.add(s);
        widths[c] = Math.max(widths[c], length(s));
      }
      cells.add(spans);
    }
    int available = width - first.length() - COLUMN_GAP.length() * (columns - 1);
    shrink(widths, available);
    TableCell.Alignment[] align = new TableCell.Alignment[columns];
    for (List<TableCell> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        if (align[c] == null) {
          align[c] = row.get(c).getAlignment();
        }
      }
    }
    boolean firstLine = true;
    for (int r = 0; r < cells.size(); r++) {
      List<List<String>> wrapped = new ArrayList<>();
      int height = 1;
      for (int c = 0; c < columns; c++) {
        List<String> lines = cells.get(r).get(c).isEmpty() ? List.of("")
            : Wrapper.wrap(cells.get(r).get(c), widths[c], "", "", ansi);
        wrapped.add(lines);
        height = Math.max(height, lines.size());
      }
      for (int line = 0; line < height; line++) {
        StringBuilder b = new StringBuilder(firstLine ? first : rest);
        for (int c = 0; c < columns; c++) {
          String text = line < wrapped.get(c).size() ? wrapped.get(c).get(line) : "";
          b.append(pad(text, widths[c], align[c]));
          if (c < columns - 1) {
            b.append(COLUMN_GAP);
          }
        }
        out.add(b.toString().stripTrailing());
        firstLine = false;
      }
      if (r == 0 && hasHeader(rows.get(0))) {
        StringBuilder rule = new StringBuilder(rest);
        for (int c = 0; c < columns; c++) {
          rule.append("─".repeat(Math.max(1, widths[c]))).append(c < columns - 1 ? COLUMN_GAP : "");
        }
        out.add(rule.toString());
      }
    }
  }

  private static void collectRows(Node n, List<List<TableCell>> rows) {
    for (Node child = n.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof TableRow) {
        List<TableCell> row = new ArrayList<>();
        for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell tc) {
            row.add(tc);
          }
        }
        rows.add(row);
      } else {
        collectRows(child, rows);
      }
    }
  }

  /** Narrows the widest column one character at a time until the row fits, never below MIN_COLUMN. */
  private static void shrink(int[] widths, int available) {
    while (sum(widths) > available) {
      int widest = 0;
      for (int c = 1; c < widths.length; c++) {
        if (widths[c] > widths[widest]) {
          widest = c;
        }
      }
      if (widths[widest] <= MIN_COLUMN) {
        return;
      }
      widths[widest]--;
    }
  }

  private static int sum(int[] widths) {
    int s = 0;
    for (int w : widths) {
      s += w;
    }
    return s;
  }

  private static String pad(String text, int width, TableCell.Alignment align) {
    int gap = Math.max(0, width - SGR.matcher(text).replaceAll("").length());
    if (align == TableCell.Alignment.RIGHT) {
      return " ".repeat(gap) + text;
    }
    if (align == TableCell.Alignment.CENTER) {
      return " ".repeat(gap / 2) + text + " ".repeat(gap - gap / 2);
    }
    return text + " ".repeat(gap);
  }

  private static int length(List<Span> spans) {
    int n = 0;
    for (Span s : spans) {
      n += s.text().length();
    }
    return n;
  }

  /**
   * Lines of wrapped spans; a hard line break (two trailing spaces or a backslash) starts a new
   * line, so the spans are wrapped piece by piece.
   */
  private List<String> wrap(List<Span> spans, String first, String rest) {
    List<String> out = new ArrayList<>();
    List<Span> piece = new ArrayList<>();
    for (Span s : spans) {
      if (s == BREAK) {
        out.addAll(Wrapper.wrap(piece, width, out.isEmpty() ? first : rest, rest, ansi));
        piece = new ArrayList<>();
      } else {
        piece.add(s);
      }
    }
    out.addAll(Wrapper.wrap(piece, width, out.isEmpty() ? first : rest, rest, ansi));
    return out;
  }

  /** Marks a hard line break among the spans of a paragraph. */
  private static final Span BREAK = new Span("\n", "");

  /** The inline content of a block as styled spans. */
  private List<Span> inlines(Node parent, String style) {
    List<Span> spans = new ArrayList<>();
    inline(parent, new Style(style, false, false, false), spans);
    return spans;
  }

  /** Styles compose in one fixed order (bold, italic, strike) whatever the markdown's nesting. */
  private record Style(String base, boolean bold, boolean italic, boolean strike) {
    String codes() {
      String s = base;
      if (bold) {
        s = Ansi.join(s, Ansi.BOLD);
      }
      if (italic) {
        s = Ansi.join(s, Ansi.ITALIC);
      }
      if (strike) {
        s = Ansi.join(s, Ansi.STRIKE);
      }
      return s;
    }
  }

  private void inline(Node parent, Style style, List<Span> spans) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text text) {
        spans.add(new Span(text.getLiteral(), style.codes()));
      } else if (n instanceof SoftLineBreak) {
        spans.add(new Span(" ", style.codes()));
      } else if (n instanceof HardLineBreak) {
        spans.add(BREAK);
      } else if (n instanceof Code code) {
        spans.add(new Span(ansi.on() ? code.getLiteral() : "`" + code.getLiteral() + "`",
            Ansi.join(style.codes(), Ansi.CYAN)));
      } else if (n instanceof StrongEmphasis) {
        inline(n, new Style(style.base(), true, style.italic(), style.strike()), spans);
      } else if (n instanceof Emphasis) {
        inline(n, new Style(style.base(), style.bold(), true, style.strike()), spans);
      } else if (n instanceof Strikethrough) {
        // without colour the markers stay: struck-out text read as plain text says the opposite
        if (!ansi.on()) {
          spans.add(new Span("~~", style.codes()));
        }
        inline(n, new Style(style.base(), style.bold(), style.italic(), true), spans);
        if (!ansi.on()) {
          spans.add(new Span("~~", style.codes()));
        }
      } else if (n instanceof Link link) {
        link(link, style, spans);
      } else if (n instanceof Image image) {
        String alt = plainText(image);
        spans.add(new Span("image" + (alt.isBlank() ? "" : ": " + alt), style.codes()));
        spans.add(new Span(" <" + image.getDestination() + ">", Ansi.join(style.base(), Ansi.UNDERLINE)));
      } else if (n instanceof HtmlInline html) {
        spans.add(new Span(html.getLiteral(), style.codes()));
      } else {
        inline(n, style, spans);
      }
    }
  }

  /** A link is its text followed by the URL in angle brackets (just the URL when they are the same). */
  private void link(Link link, Style style, List<Span> spans) {
    String url = link.getDestination();
    String label = plainText(link);
    String shown = url.startsWith("mailto:") && label.equals(url.substring("mailto:".length())) ? url : label;
    if (!shown.equals(url) && !("http://" + label).equals(url)) {
      inline(link, style, spans);
      spans.add(new Span(" ", style.codes()));
    }
    spans.add(new Span("<" + url + ">", Ansi.join(style.base(), Ansi.UNDERLINE)));
  }

  private static String plainText(Node parent) {
    StringBuilder b = new StringBuilder();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        b.append(t.getLiteral());
      } else if (n instanceof Code c) {
        b.append(c.getLiteral());
      } else {
        b.append(plainText(n));
      }
    }
    return b.toString();
  }

  private static boolean hasHeader(List<TableCell> row) {
    for (TableCell cell : row) {
      if (cell.isHeader()) {
        return true;
      }
    }
    return false;
  }
}
