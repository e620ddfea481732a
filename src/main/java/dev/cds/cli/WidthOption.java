package dev.cds.cli;

import dev.cds.cards.RenderOptions;
import dev.cds.cards.TerminalWidth;
import picocli.CommandLine.Option;

/** {@code --width}: where cards wrap; and the colour decision, for every command that draws cards. */
public final class WidthOption {
  @Option(names = "--width", paramLabel = "N",
      description = "Wrap cards at N columns (default: COLUMNS, else the terminal's width, else 80).")
  Integer width;

  public RenderOptions renderOptions(CliContext ctx, GlobalOptions global) {
    return new RenderOptions(TerminalWidth.resolve(width != null ? width : ctx.columns(), ctx.stdoutIsTerminal(), ctx.env()), global.color(ctx));
  }
}
