package dev.cds.cards;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The only door to JLine's system terminal; a separate class so its classes load on demand. */
final class JlineTerminal {
  private JlineTerminal() {}

  static int width(int fallback) {
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      int width = terminal.getWidth();
      return width > 0 ? width : fallback;
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
  }

  static Terminal system() throws IOException {
    return TerminalBuilder.builder().system(true).build();
  }
}
