package dev.cds.core;

import java.util.ArrayList;
import java.util.List;

/**
 * How many terminal columns text takes: a code point is one column, East Asian wide and
 * fullwidth characters two, combining marks and format characters none. Cutting and wrapping
 * happen between code points, never inside a surrogate pair. The text is expected to be
 * sanitised already (no control characters).
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  public static int of(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      w += of(c);
      i += Character.charCount(c);
    }
    return w;
  }

  public static int of(int c) {
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || c == 0x200b) {
      return 0;
    }
    return wide(c) ? 2 : 1;
  }

  /** The East Asian Wide and Fullwidth blocks (Unicode UAX #11), and the emoji most terminals draw wide. */
  private static boolean wide(int c) {
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff)
        || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf)
        || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)
        || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f)
        || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
  }

  /**
   * {@code s} cut to at most {@code width} columns, ending in {@code ellipsis} when something was
   * cut off; when not even the ellipsis fits, as much of it as does.
   */
  public static String truncate(String s, int width, String ellipsis) {
    if (of(s) <= width) {
      return s;
    }
    int room = width - of(ellipsis);
    if (room < 0) {
      return ellipsis.substring(0, Math.max(0, width));
    }
    return head(s, room) + ellipsis;
  }

  /** The longest start of {@code s} that takes at most {@code width} columns. */
  static String head(String s, int width) {
    int w = 0;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (w + of(c) > width) {
        break;
      }
      w += of(c);
      i += Character.charCount(c);
    }
    return s.substring(0, i);
  }

  /**
   * {@code text} wrapped at spaces into lines of at most {@code width} columns, the first starting
   * with {@code first}, the rest with {@code rest}; only a word longer than a whole line is cut
   * where the line ends (a URL or an id is not lost, only broken).
   */
  public static List<String> wrap(String text, int width, String first, String rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    int used = of(first);
    boolean empty = true;
    for (String word : text.split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      int w = of(word);
      int room = width - used - (empty ? 0 : 1);
      // a word that does not fit goes to the next line, unless it would not fit there either
      boolean prefixOnly = empty && lines.isEmpty() && !first.isEmpty();
      if (w > room && (!empty || prefixOnly) && of(rest) + w <= width) {
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder(rest);
        used = of(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
        used++;
      }
      while (used + w > width && width - used > 0) {
        String part = head(word, width - used);
        if (part.isEmpty()) {
          break;
        }
        lines.add(line.append(part).toString());
        word = word.substring(part.length());
        w = of(word);
        line = new StringBuilder(rest);
        used = of(rest);
      }
      line.append(word);
      used += w;
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }
}
