package dev.cds.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "cds",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "A CDS Hooks client: fire any hook at any CDS service from a shell, see the cards, script it in CI.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds hooks",
      "  cds init order-dispatch > request.json",
      "  cds serve --port 8080 &",
      "  export CDS_BASE_URL=http://localhost:8080      # or --base URL on each command",
      "  cds discover",
      "  cds call order-dispatch --context examples/contexts/order-dispatch.json",
      "  cds call patient-view --output json | jq '.body.cards[].summary'",
      "",
      "The options above go before or after the command: cds -v call … and",
      "cds call … -v are the same. Run 'cds COMMAND --help' for its options and",
      "examples."
    })
final class CdsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin GlobalFlags flags = new GlobalFlags();

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing command, e.g. cds hooks, cds init HOOK or cds call HOOK --base URL");
  }
}
