package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {
  private static String plain(String md, int width) {
    return String.join("\n", new Markdown(width, new Ansi(false)).render(md, "  "));
  }

  private static String coloured(String md) {
    return String.join("\n", new Markdown(80, new Ansi(true)).render(md, ""));
  }

  @Test
  void inlineMarkupBecomesStylesAndLinksShowTheirUrl() {
    assertEquals("  Take bold and italic, see the policy <https://x.org/p>, run `cds diff`.",
        plain("Take **bold** and _italic_, see [the policy](https://x.org/p \"title\"), run `cds diff`.", 80));
    assertEquals("\u001b[1mbold\u001b[0m \u001b[3mit\u001b[0m \u001b[1;3mboth\u001b[0m \u001b[9mgone\u001b[0m \u001b[36mcode\u001b[0m",
        coloured("**bold** *it* ***both*** ~~gone~~ `code`"));
  }

  @Test
  void literalMarkersStayText() {
    assertEquals("  snake_case_name, 2 * 3 = 6, a lone ** pair, \\*not italic*",
        plain("snake_case_name, 2 * 3 = 6, a lone ** pair, \\\\\\*not italic*", 80));
    assertEquals("  <https://bare.example.org> image: scan <https://x.org/i.png>",
        plain("<https://bare.example.org> ![scan](https://x.org/i.png)", 80));
  }

  @Test
  void blocksKeepTheirShape() {
    String md = "# Title\n\nOne paragraph\nacross two lines.\n\n1. first\n2. second item that is long enough to wrap\n\n"
        + "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n~~~\n  keep   spacing\n~~~";
    assertEquals(String.join("\n", List.of(
        "  Title",
        "",
        "  One paragraph across two",
        "  lines.",
        "",
        "  1. first",
        "  2. second item that is long",
        "     enough to wrap",
        "",
        "  a  b",
        "  ─  ─",
        "  1  2",
        "",
        "  " + "─".repeat(30),
        "",
        "        keep   spacing")), plain(md, 32));
  }

  /** GitHub-flavoured markdown (tables, strikethrough, autolinks) at two widths: golden files. */
  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {72, 40})
  void gfmGolden(int width) {
    String md = Golden.read("render/markdown/gfm.md");
    Golden.check("render/markdown/gfm.w" + width + ".txt", String.join("\n", new Markdown(width, new Ansi(false)).render(md, "  ")) + "\n");
  }

  @Test
  void tableHeadersAreBoldAndColumnsAlignWithColour() {
    String md = "| a | b |\n|---|--:|\n| **x** | 10 |\n| y | 200 |";
    assertEquals(String.join("\n", List.of(
        "\u001b[1ma\u001b[0m    \u001b[1mb\u001b[0m",
        "─  ───",
        "\u001b[1mx\u001b[0m   10",
        "y  200")), coloured(md));
  }

  @Test
  void neverFailsOnOddInput() {
    for (String md : List.of("", "|", "| a |\n|---|", "```", "> ", "* ", "1.", "[x](", "<", "~~~~", "\u0000", "| a | b |\n|--|--|\n| 1 |")) {
      new Markdown(20, new Ansi(true)).render(md, " ");
    }
  }
}
