package dev.cds.serve;

import dev.cds.core.Sanitizer;
import java.io.PrintWriter;

/**
 * The request log of {@code cds serve} (stderr). Every line is escaped as a whole: paths, JWT
 * headers and claims come from the client, and a raw newline or escape sequence in any of them
 * could forge a log line or drive the terminal that shows the log.
 */
public final class ServerLog {
  private final PrintWriter out;

  /** {@code out} null logs nothing ({@code --quiet}). */
  public ServerLog(PrintWriter out) {
    this.out = out;
  }

  public void line(String text) {
    if (out == null) {
      return;
    }
    String safe = escape(text);
    synchronized (out) {
      out.println(safe);
      out.flush();
    }
  }

  /**
   * {@code text} on one line with nothing a terminal acts on: backslash, CR, LF and tab as
   * {@code \\ \r \n \t}; other C0 controls, DEL, C1 controls, line separators and bidi controls as
   * {@code \}{@code uXXXX}.
   */
  public static String escape(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> unsafe(c) ? String.format("\\u%04x", (int) c) : null;
      };
      if (replacement != null && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (replacement != null) {
          b.append(replacement);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }

  /** What the terminal sanitiser escapes, and the Unicode line and paragraph separators, which split log lines too. */
  private static boolean unsafe(char c) {
    return Sanitizer.isUnsafe(c) || c == 0x2028 || c == 0x2029;
  }
}
