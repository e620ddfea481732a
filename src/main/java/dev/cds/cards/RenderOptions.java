package dev.cds.cards;

/**
 * How cards are drawn: the width text wraps at, and whether ANSI colours are used.
 *
 * @param width columns, at least {@link #MIN_WIDTH}; wider terminals are capped at {@link
 *     #MAX_WIDTH} because long lines of prose are hard to read
 */
public record RenderOptions(int width, boolean color) {
  public static final int MIN_WIDTH = 30;
  public static final int MAX_WIDTH = 120;
  public static final int DEFAULT_WIDTH = 80;

  public RenderOptions {
    width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
  }

  public static RenderOptions plain(int width) {
    return new RenderOptions(width, false);
  }
}
