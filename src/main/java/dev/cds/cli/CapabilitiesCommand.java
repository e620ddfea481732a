package dev.cds.cli;

import dev.cds.capabilities.Capabilities;
import dev.cds.cards.TerminalWidth;
import dev.cds.cards.Wrapper;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "capabilities",
    description = {
      "Describe what cds supports as a CDS client: CDS Hooks versions, hooks and their",
      "versions, prefetch tokens, JWT algorithms, card rendering, actionSelectionBehavior,",
      "systemActions and feedback (the capability documentation CDS Hooks 3.0 asks clients for)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds capabilities",
      "  cds capabilities --output json | jq .actionSelectionBehavior",
      "  cds capabilities --output json | jq -r '.hooks.hooks[].hook'"
    })
final class CapabilitiesCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  private final CliContext ctx;

  CapabilitiesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Capabilities caps = Capabilities.describe(HookCatalog.bundled(), VersionProvider.cdsVersion());
    if (global.json(ctx)) {
      ctx.out().println(Json.pretty(caps.toJson()));
      return ExitCode.OK;
    }
    int width = TerminalWidth.resolve(null, ctx.stdoutIsTerminal(), ctx.env());
    ctx.out().println(caps.client() + ": capabilities as a CDS client");
    for (Capabilities.Section s : caps.sections()) {
      ctx.out().println();
      ctx.out().println(s.title());
      for (String line : s.lines()) {
        var wrapped = Wrapper.plain(line, width - 4, "");
        for (int i = 0; i < wrapped.size(); i++) {
          ctx.out().println((i == 0 ? "  • " : "    ") + wrapped.get(i));
        }
      }
    }
    return ExitCode.OK;
  }
}
