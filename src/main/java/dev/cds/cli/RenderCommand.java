package dev.cds.cli;

import dev.cds.cards.CardRenderer;
import dev.cds.cards.Responses;
import dev.cds.model.ServiceOutcome;
import dev.cds.core.ExitCode;
import dev.cds.hooks.HookCatalog;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Validator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "render",
    description = {
      "Pretty-print the cards of a response.",
      "Reads a response file, a saved 'cds call --output json' answer, or ndjson of",
      "several services."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds render examples/responses/order-dispatch-crd.json",
      "  cds call order-sign --output json > answer.ndjson",
      "  cds render answer.ndjson",
      "  curl -s … | cds render - --width 72      # illustrative: any response on stdin",
      "  cds render answer.ndjson --output json    # cards in display order"
    })
final class RenderCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin WidthOption width;

  @Parameters(paramLabel = "FILE|-", arity = "0..1", defaultValue = "-",
      description = "The response to render; - (the default) reads stdin.")
  String file;

  private final CliContext ctx;

  RenderCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.requirePipedStdin(file, "give a file, e.g. cds render answer.json, or pipe one in");
    List<ServiceOutcome> outcomes = Responses.read(file, ctx.in());
    if (global.json(ctx)) {
      ctx.out().println(Responses.normalised(outcomes));
    } else {
      // the validator's findings are the card rules: shown under the card they point to
      Validator validator = new Validator(HookCatalog.bundled());
      ctx.out().print(new CardRenderer(width.renderOptions(ctx, global)).render(outcomes.stream()
          .map(o -> new CardRenderer.Shown(o, o.failed() || o.body() == null ? List.of()
              : validator.validate(o.body(), DocumentKind.RESPONSE, Validator.Options.of(false))))
          .toList()));
    }
    return ExitCode.OK;
  }
}
