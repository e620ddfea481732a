package dev.cds.cards;

import java.util.List;

/**
 * The GitHub-flavoured markdown of a card's {@code detail}, drawn as terminal text: paragraphs
 * wrapped at word boundaries, bold/italic/strike as styles, lists with hanging indents, tables as
 * aligned columns, links as text followed by the URL, code spans and blocks kept verbatim. Anything
 * it does not know stays readable text; it never fails on input.
 *
 * <p>The parsing is commonmark-java's ({@link GfmBlocks}), created on the first call so that a
 * renderer that never meets a {@code detail} never loads it.
 */
final class Markdown {
  private final int width;
  private final Ansi ansi;
  private GfmBlocks blocks;

  Markdown(int width, Ansi ansi) {
    this.width = width;
    this.ansi = ansi;
  }

  /** The rendered lines, each starting with {@code indent}. */
  List<String> render(String markdown, String indent) {
    if (blocks == null) {
      blocks = new GfmBlocks(width, ansi);
    }
    return blocks.render(markdown, indent);
  }
}
