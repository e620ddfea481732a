package dev.cds.core;

import java.io.IOException;
import java.io.Writer;
import java.util.function.BooleanSupplier;

/**
 * What reaches a terminal whose locale is not UTF-8: ASCII only, so nothing shows as {@code ?} or
 * as mojibake. Text gets the {@link Glyphs#ASCII} stand-ins; JSON gets {@code \}{@code uXXXX}
 * escapes instead, which keep the document valid and its data exact (asked each time, as the
 * command line decides whether the output is JSON only once it is parsed).
 */
public final class AsciiWriter extends Writer {
  private final Writer out;
  private final BooleanSupplier json;
  /** A high surrogate whose low half is in the next write. */
  private char pending;

  public AsciiWriter(Writer out, BooleanSupplier json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = buf[i];
      if (c < 0x80 && pending == 0) {
        continue;
      }
      out.write(buf, start, i - start);
      start = i + 1;
      if (Character.isHighSurrogate(c)) {
        if (pending != 0) {
          out.write(replacement(pending));
        }
        pending = c;
        continue;
      }
      if (pending != 0) {
        char high = pending;
        pending = 0;
        if (Character.isLowSurrogate(c)) {
          out.write(json.getAsBoolean() ? escape(high) + escape(c) : Glyphs.standIn(Character.toCodePoint(high, c)));
          continue;
        }
        out.write(replacement(high));
        if (c < 0x80) {
          out.write(c);
          continue;
        }
      }
      out.write(replacement(c));
    }
    out.write(buf, start, end - start);
  }

  private String replacement(int c) {
    return json.getAsBoolean() ? escape(c) : Glyphs.standIn(c);
  }

  private static String escape(int c) {
    return String.format("\\u%04x", c);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (pending != 0) {
      out.write(replacement(pending));
      pending = 0;
    }
    out.close();
  }
}
