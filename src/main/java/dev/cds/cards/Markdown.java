package dev.cds.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub-flavoured markdown of a card's {@code detail}, drawn as terminal text: paragraphs
 * wrapped at word boundaries, bold/italic/strike as styles, lists with hanging indents, links as
 * text followed by the URL, code spans and fenced blocks kept verbatim. Anything it does not know
 * stays readable text; it never fails on input.
 */
final class Markdown {
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)(.*)$");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
  private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|\\d{1,9}[.)])\\s+(.*)$");
  private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>\\s?(.*)$");
  private static final Pattern TABLE = Pattern.compile("^\\s*\\|.*$");

  private final int width;
  private final Ansi ansi;

  Markdown(int width, Ansi ansi) {
    this.width = width;
    this.ansi = ansi;
  }

  /** The rendered lines, each starting with {@code indent}. */
  List<String> render(String markdown, String indent) {
    String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> out = new ArrayList<>();
    String previous = null;
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      if (line.isBlank()) {
        i++;
        continue;
      }
      List<String> block = new ArrayList<>();
      String kind;
      Matcher m;
      if ((m = FENCE.matcher(line)).matches()) {
        kind = "code";
        String fence = m.group(1);
        i++;
        while (i < lines.length && !lines[i].trim().startsWith(fence)) {
          block.add(indent + "    " + ansi.paint(lines[i].stripTrailing(), Ansi.CYAN));
          i++;
        }
        i++;
      } else if ((m = HEADING.matcher(line)).matches()) {
        kind = "heading";
        block.addAll(Wrapper.wrap(inline(m.group(2), Ansi.BOLD), width, indent, indent, ansi));
        i++;
      } else if (RULE.matcher(line).matches()) {
        kind = "rule";
        block.add(indent + "─".repeat(Math.max(3, Math.min(40, width - indent.length()))));
        i++;
      } else if ((m = ITEM.matcher(line)).matches()) {
        kind = "item";
        StringBuilder text = new StringBuilder(m.group(3));
        i++;
        while (i < lines.length && continues(lines[i])) {
          text.append(' ').append(lines[i].trim());
          i++;
        }
        int level = m.group(1).replace("\t", "    ").length() / 2;
        String marker = Character.isDigit(m.group(2).charAt(0)) ? m.group(2) : "•";
        String first = indent + "  ".repeat(level) + marker + " ";
        String rest = " ".repeat(first.length());
        block.addAll(Wrapper.wrap(inline(text.toString(), ""), width, first, rest, ansi));
      } else if (QUOTE.matcher(line).matches()) {
        kind = "quote";
        StringBuilder text = new StringBuilder();
        while (i < lines.length && (m = QUOTE.matcher(lines[i])).matches()) {
          text.append(' ').append(m.group(1).trim());
          i++;
        }
        String bar = indent + "│ ";
        block.addAll(Wrapper.wrap(inline(text.toString().trim(), Ansi.DIM), width, bar, bar, ansi));
      } else if (TABLE.matcher(line).matches()) {
        kind = "table";
        while (i < lines.length && TABLE.matcher(lines[i]).matches()) {
          block.add(indent + lines[i].trim());
          i++;
        }
      } else {
        kind = "paragraph";
        StringBuilder text = new StringBuilder(line.trim());
        i++;
        while (i < lines.length && continues(lines[i]) && !ITEM.matcher(lines[i]).matches()) {
          text.append(' ').append(lines[i].trim());
          i++;
        }
        block.addAll(Wrapper.wrap(inline(text.toString(), ""), width, indent, indent, ansi));
      }
      if (previous != null && !(previous.equals("item") && kind.equals("item"))) {
        out.add("");
      }
      out.addAll(block);
      previous = kind;
    }
    return out;
  }

  /** A line that continues the current paragraph or list item rather than starting a block. */
  private static boolean continues(String line) {
    return !line.isBlank()
        && !FENCE.matcher(line).matches()
        && !HEADING.matcher(line).matches()
        && !QUOTE.matcher(line).matches()
        && !TABLE.matcher(line).matches()
        && !(ITEM.matcher(line).matches() && !line.startsWith("    "))
        && !RULE.matcher(line).matches();
  }

  /** Inline markdown to styled spans. Unclosed markers stay literal text. */
  List<Span> inline(String text, String base) {
    List<Span> spans = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    boolean bold = false;
    boolean italic = false;
    boolean strike = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      String style = style(base, bold, italic, strike);
      if (c == '\\' && i + 1 < text.length() && isPunctuation(text.charAt(i + 1))) {
        plain.append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '`') {
        int run = runLength(text, i, '`');
        String ticks = "`".repeat(run);
        int close = text.indexOf(ticks, i + run);
        if (close > 0) {
          flush(spans, plain, style);
          String code = text.substring(i + run, close).trim();
          spans.add(new Span(ansi.on() ? code : "`" + code + "`", Ansi.join(base, Ansi.CYAN)));
          i = close + run;
          continue;
        }
      }
      if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int[] link = link(text, i + 1);
        if (link != null) {
          flush(spans, plain, style);
          String alt = text.substring(i + 2, link[0]);
          String url = text.substring(link[0] + 2, link[1]);
          spans.add(new Span("image" + (alt.isBlank() ? "" : ": " + alt), style));
          spans.add(new Span(" <" + url + ">", Ansi.join(base, Ansi.UNDERLINE)));
          i = link[1] + 1;
          continue;
        }
      }
      if (c == '[') {
        int[] link = link(text, i);
        if (link != null) {
          flush(spans, plain, style);
          String label = text.substring(i + 1, link[0]);
          String url = text.substring(link[0] + 2, link[1]).trim();
          int title = url.indexOf(' ');
          if (title > 0) {
            url = url.substring(0, title);
          }
          if (!label.equals(url)) {
            spans.addAll(inline(label, style));
            spans.add(new Span(" ", style));
          }
          spans.add(new Span("<" + url + ">", Ansi.join(base, Ansi.UNDERLINE)));
          i = link[1] + 1;
          continue;
        }
      }
      if (c == '<') {
        int close = text.indexOf('>', i);
        if (close > 0 && text.substring(i + 1, close).matches("(https?|mailto):[^\\s<>]+")) {
          flush(spans, plain, style);
          spans.add(new Span("<" + text.substring(i + 1, close) + ">", Ansi.join(base, Ansi.UNDERLINE)));
          i = close + 1;
          continue;
        }
      }
      if (c == '~' && text.startsWith("~~", i) && (strike || text.indexOf("~~", i + 2) > 0)) {
        flush(spans, plain, style);
        strike = !strike;
        i += 2;
        continue;
      }
      if (c == '*' || c == '_') {
        int run = Math.min(runLength(text, i, c), 3);
        boolean intraword = c == '_' && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))
            && i + run < text.length() && Character.isLetterOrDigit(text.charAt(i + run));
        String marker = String.valueOf(c).repeat(run);
        boolean closing = (run >= 2 ? bold : italic);
        boolean opens = !closing && i + run < text.length() && !Character.isWhitespace(text.charAt(i + run))
            && text.indexOf(marker, i + run + 1) > 0;
        if (!intraword && (closing || opens)) {
          flush(spans, plain, style);
          if (run >= 2) {
            bold = !bold;
          }
          if (run != 2) {
            italic = !italic;
          }
          i += run;
          continue;
        }
        plain.append(marker);
        i += run;
        continue;
      }
      plain.append(c);
      i++;
    }
    flush(spans, plain, style(base, bold, italic, strike));
    return spans;
  }

  /** For {@code [label](url)} starting at {@code open}: the index of {@code ]} and of {@code )}. */
  private static int[] link(String text, int open) {
    int depth = 0;
    for (int j = open; j < text.length(); j++) {
      char ch = text.charAt(j);
      if (ch == '[') {
        depth++;
      } else if (ch == ']' && --depth == 0) {
        if (j + 1 < text.length() && text.charAt(j + 1) == '(') {
          int close = text.indexOf(')', j + 2);
          return close > j + 2 ? new int[] {j, close} : null;
        }
        return null;
      }
    }
    return null;
  }

  private static int runLength(String text, int at, char c) {
    int n = 0;
    while (at + n < text.length() && text.charAt(at + n) == c) {
      n++;
    }
    return n;
  }

  private static boolean isPunctuation(char c) {
    return "\\`*_{}[]()#+-.!|~<>".indexOf(c) >= 0;
  }

  private static String style(String base, boolean bold, boolean italic, boolean strike) {
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

  private static void flush(List<Span> spans, StringBuilder plain, String style) {
    if (plain.length() > 0) {
      spans.add(new Span(plain.toString(), style));
      plain.setLength(0);
    }
  }
}
