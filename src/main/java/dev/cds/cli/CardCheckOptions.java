package dev.cds.cli;

import dev.cds.cards.CardRenderer;
import dev.cds.cards.Expectation;
import dev.cds.cards.InteractiveFeedback;
import dev.cds.cards.RenderOptions;
import dev.cds.client.CdsClient;
import dev.cds.client.FeedbackClient;
import dev.cds.client.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code cds call} does with the cards once they are back: print them, wrapped to {@code --width}; hold
 * them against a saved answer ({@code --expect}, {@code --ignore}) or a level ({@code --fail-on}),
 * and collect feedback on a terminal ({@code --interactive}).
 */
public final class CardCheckOptions {
  @Mixin WidthOption width;

  @Option(names = "--expect", paramLabel = "FILE|-",
      description = "Exit 1 and show the diff when the cards differ from this saved answer.")
  String expect;

  @Option(names = "--fail-on", paramLabel = "info|warning|critical",
      description = "Exit 1 when a card at this level or higher came back.")
  String failOn;

  @Option(names = "--ignore", paramLabel = "PATH",
      description = "With --expect: leave out a field, e.g. /cards/*/detail (repeatable).")
  List<String> ignore;

  @Option(names = "--interactive",
      description = "On a terminal: after the cards, accept or override one and send the feedback.")
  boolean interactive;

  /**
   * Reads {@code --expect} and checks {@code --fail-on} and {@code --ignore} before anything is
   * sent, so a typo fails fast (exit 2 or 3).
   *
   * @param stdinTaken true when another option already reads stdin ({@code --context -})
   */
  public Expectation prepare(CliContext ctx, boolean stdinTaken) {
    if ("-".equals(expect) && stdinTaken) {
      throw CdsException.usage("--expect - and another option both read stdin: save one of them to a file");
    }
    return Expectation.of(expect, failOn, ignore, ctx.in());
  }

  public RenderOptions renderOptions(CliContext ctx, GlobalOptions global) {
    return width.renderOptions(ctx, global);
  }

  /**
   * The outcomes on stdout: cards on a terminal; with JSON, one service's body as is or one ndjson
   * line per service. Each failure also as one line on stderr.
   */
  public void print(CliContext ctx, GlobalOptions global, List<ServiceOutcome> outcomes) {
    if (global.json(ctx)) {
      if (outcomes.size() == 1 && outcomes.get(0).body() != null) {
        ctx.out().println(Json.compact(outcomes.get(0).body()));
      } else {
        outcomes.forEach(o -> ctx.out().println(Json.compact(o.toJson())));
      }
    } else {
      ctx.out().print(new CardRenderer(renderOptions(ctx, global)).render(outcomes));
    }
    outcomes.stream().filter(ServiceOutcome::failed).forEach(o -> ctx.err().println("cds: " + o.service() + ": " + o.error()));
  }

  /**
   * After the cards are printed: the feedback session (terminal only), then the checks, whose
   * report goes to stderr. Returns {@code code} when it already signals a failure, else the
   * verdict's code.
   */
  public int finish(CliContext ctx, GlobalOptions global, List<ServiceOutcome> outcomes, CdsClient client,
      Expectation expectation, int code) {
    if (interactive) {
      if (ctx.stdinIsTerminal() && ctx.stdoutIsTerminal()) {
        ctx.out().flush(); // the cards must be on screen before the first prompt
        FeedbackClient feedback = new FeedbackClient(client);
        InteractiveFeedback.onSystemTerminal(outcomes, feedback::send, ctx.clock(), null);
      } else {
        ctx.err().println("cds: --interactive needs a terminal on stdin and stdout: no prompts");
      }
    }
    if (!expectation.active()) {
      return code;
    }
    Expectation.Verdict verdict = expectation.check(outcomes);
    ctx.err().print(verdict.report(new RenderOptions(renderOptions(ctx, global).width(), false)));
    ctx.err().flush();
    return code != ExitCode.OK ? code : verdict.exitCode();
  }
}
