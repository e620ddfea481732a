package dev.cds.cli;

import dev.cds.cards.Expectation;
import dev.cds.cards.Indicator;
import dev.cds.cards.RenderOptions;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code cds call} does with the cards once they are back: print them, wrapped to
 * {@code --width}; hold them against a saved answer ({@code --expect}, {@code --ignore}) or a level
 * ({@code --fail-on}); collect feedback on a terminal ({@code --interactive}).
 */
public final class CardCheckOptions {
  @Mixin WidthOption width;

  @Option(names = "--expect", paramLabel = "FILE|-",
      description = "Exit 1 and show the diff when the cards differ from this saved answer.")
  String expect;

  @Option(names = "--fail-on", paramLabel = "info|warning|critical",
      description = "Exit 1 when a card at this level or higher came back.")
  Indicator failOn;

  @Option(names = "--ignore", paramLabel = "PATH",
      description = "With --expect: leave out a field, e.g. /cards/*/detail (repeatable).")
  List<String> ignore;

  @Option(names = "--interactive",
      description = "On a terminal: after the cards, accept or override one and send the feedback.")
  boolean interactive;

  /** Reads {@code --expect} and checks {@code --fail-on} and {@code --ignore}: a typo fails before anything is sent. */
  Expectation expectation(CliContext ctx) {
    return Expectation.of(expect, failOn == null ? null : failOn.word(), ignore, ctx.in());
  }

  RenderOptions renderOptions(CliContext ctx, GlobalOptions global) {
    return width.renderOptions(ctx, global);
  }
}
