package dev.cds.cards;

import dev.cds.core.Table;
import java.util.Map;

/**
 * The width cards are wrapped at: {@code --width} when given; the terminal's when stdout is one;
 * 80 otherwise. JLine is asked only in the terminal case, so piped runs never load it.
 */
public final class TerminalWidth {
  private TerminalWidth() {}

  public static int resolve(Integer explicit, boolean stdoutIsTerminal, Map<String, String> env) {
    if (explicit != null) {
      return explicit;
    }
    if (!stdoutIsTerminal) {
      return RenderOptions.DEFAULT_WIDTH;
    }
    String columns = env.get("COLUMNS");
    if (columns != null && columns.matches("\\d{1,4}") && Integer.parseInt(columns) > 0) {
      return Integer.parseInt(columns);
    }
    return JlineTerminal.width(RenderOptions.DEFAULT_WIDTH);
  }

  /**
   * The width tables fit: {@code COLUMNS} when it is set (on a pipe too, so that {@code | less}
   * keeps the layout the user asked for), else the terminal's; on a pipe without {@code COLUMNS},
   * no limit, as scripts cut lines themselves.
   */
  public static int forTables(Integer columns, boolean stdoutIsTerminal) {
    if (columns != null) {
      return columns;
    }
    return stdoutIsTerminal ? JlineTerminal.width(RenderOptions.DEFAULT_WIDTH) : Table.UNLIMITED;
  }
}
