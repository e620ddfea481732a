package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  private static Table services() {
    return new Table("ID", "TITLE", "N").shrink(1)
        .row("order-sign-crd", "Coverage requirements for signed orders", "3")
        .row("pv", "Reminders", "12");
  }

  @Test
  void withoutALimitEveryCellIsWhole() {
    assertEquals("""
        ID              TITLE                                    N
        order-sign-crd  Coverage requirements for signed orders  3
        pv              Reminders                                12
        """, services().render(Table.UNLIMITED, Glyphs.UNICODE));
    assertEquals(services().render(Table.UNLIMITED, Glyphs.UNICODE), services().toString());
  }

  @Test
  void theShrinkableColumnGivesWayWithAnEllipsis() {
    assertEquals("""
        ID              TITLE                 N
        order-sign-crd  Coverage requiremen…  3
        pv              Reminders             12
        """, services().render(40, Glyphs.UNICODE));
    assertEquals("""
        ID              TITLE                 N
        order-sign-crd  Coverage requirem...  3
        pv              Reminders             12
        """, services().render(40, Glyphs.ASCII));
  }

  @Test
  void whenShrinkingIsNotEnoughEachRowBecomesABlock() {
    String out = services().render(24, Glyphs.UNICODE);
    assertEquals("""
        ID     order-sign-crd
        TITLE  Coverage
               requirements for
               signed orders
        N      3

        ID     pv
        TITLE  Reminders
        N      12
        """, out);
    out.lines().forEach(l -> assertTrue(DisplayWidth.of(l) <= 24, l));
  }

  @Test
  void wideCharactersCountTwoColumnsAndSurrogatePairsStayWhole() {
    Table t = new Table("ID", "TITLE").shrink(1).row("a", "漢字漢字漢字漢字漢字漢字").row("b", "😀😀😀😀😀😀😀😀😀😀😀😀");
    String out = t.render(16, Glyphs.UNICODE);
    for (String line : out.split("\n")) {
      assertTrue(DisplayWidth.of(line) <= 16, line);
      assertTrue(line.codePoints().noneMatch(c -> Character.isSurrogate((char) c)), "a split surrogate pair: " + line);
    }
    assertEquals(List.of("ID  TITLE", "a   漢字漢字漢…", "b   😀😀😀😀😀…"), out.lines().toList());
  }

  @Test
  void cellsAreSanitised() {
    String out = new Table("A").row("x\u001b[2Jy").toString();
    assertTrue(out.indexOf('\u001b') < 0 && out.contains("[2Jy"), out);
  }

  @Test
  void wrapBreaksOnlyWordsLongerThanALine() {
    assertEquals(List.of("error   /a/very/long/path", "        message here"),
        DisplayWidth.wrap("message here", 24, "error   /a/very/long/path  ", "        "));
    assertEquals(List.of("abcdefghij", "klmno"), DisplayWidth.wrap("abcdefghijklmno", 10, "", ""));
    assertEquals("ab…", DisplayWidth.truncate("abcdef", 3, "…"));
    assertEquals("abcdef", DisplayWidth.truncate("abcdef", 6, "…"));
  }
}
