package dev.cds.cli;

import dev.cds.cards.CardDiff;
import dev.cds.cards.DiffReport;
import dev.cds.cards.DiffResult;
import dev.cds.cards.IgnoreRules;
import dev.cds.cards.Responses;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    description = {
      "Compare two responses card by card; exit 1 when they differ.",
      "Order and uuids do not matter; cards pair up by source and summary, then by",
      "similarity."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds diff yesterday.json today.json",
      "  cds diff a.ndjson b.ndjson --ignore '/cards/*/detail'",
      "  cds call order-sign --output json | cds diff saved.json -",
      "  cds diff a.ndjson b.ndjson --ignore '/systemActions/*/resource/meta' --output json"
    })
final class DiffCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin WidthOption width;

  @Parameters(index = "0", paramLabel = "FILE_A", description = "The first answer (file or -).")
  String first;

  @Parameters(index = "1", paramLabel = "FILE_B", description = "The second answer (file or -).")
  String second;

  @Option(names = "--ignore", paramLabel = "PATH",
      description = "Leave out a field, JSON-pointer style with * and ** wildcards (repeatable).")
  List<String> ignore;

  private final CliContext ctx;

  DiffCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (first.equals("-") && second.equals("-")) {
      throw CdsException.usage("only one of A and B can be - (stdin)");
    }
    ctx.requirePipedStdin(first.equals("-") ? first : second, "give two files, or pipe one answer in");
    IgnoreRules rules = IgnoreRules.of(ignore);
    DiffResult result = new CardDiff(rules).compare(Responses.read(first, ctx.in()), Responses.read(second, ctx.in()));
    if (global.json(ctx)) {
      ctx.out().println(Json.pretty(DiffReport.json(result)));
    } else {
      ctx.out().print(new DiffReport(width.renderOptions(ctx, global)).text(result));
    }
    return result.same() ? ExitCode.OK : ExitCode.FINDINGS;
  }
}
