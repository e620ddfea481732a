package dev.cds.cli;

import dev.cds.client.Discovery;
import dev.cds.core.Sanitizer;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.model.Service;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "discover",
    description = "List the services a CDS server offers.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds discover https://cds.example.org/     # illustrative: a real server",
      "  cds discover --output json | jq '.services[].id'   # --base, CDS_BASE_URL or profile",
      "",
      "Da Vinci CRD services also show the CRD versions they list and their",
      "configuration options (code, type, default, name, description), which",
      "cds call sends with --crd-config CODE=VALUE."
    })
final class DiscoverCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;
  @Mixin AuthOptions auth;
  @Mixin WidthOption width;

  @Parameters(paramLabel = "BASE_URL", arity = "0..1",
      description = "The CDS server (default: --base, CDS_BASE_URL or the profile).")
  String baseUrl;

  private final CliContext ctx;

  DiscoverCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Discovery d = Wiring.connect(ctx, global, server, auth, baseUrl).client().discoverFresh();
    for (String w : d.warnings()) {
      ctx.err().println("cds: warning: " + Sanitizer.line(w));
    }
    HookCatalog catalog = HookCatalog.bundled();
    for (String hook : d.hooks()) {
      HookDefinition h = catalog.knows(hook) ? catalog.definition(hook, null) : null;
      if (h != null && h.deprecated()) {
        ctx.err().println("cds: warning: " + hook + " is deprecated: services should move to "
            + String.join(" or ", h.replacedBy()));
      }
    }
    if (global.json(ctx)) {
      ctx.out().println(Json.pretty(d.document()));
      return ExitCode.OK;
    }
    if (d.services().isEmpty()) {
      return ExitCode.OK;
    }
    // the title and the prefetch keys give way to a narrow terminal; ids and hooks stay whole
    Table table = new Table("ID", "HOOK", "TITLE", "PREFETCH").shrink(2, 3);
    for (Service s : d.services()) {
      table.row(s.id(), s.hook() + (s.hookVersion() == null ? "" : " " + s.hookVersion()), s.title(),
          String.join(", ", s.prefetch().keySet()));
    }
    ctx.out().print(table.render(ctx.tableWidth(), ctx.glyphs()));
    ctx.out().print(CrdDiscoveryView.render(d.services(), width.renderOptions(ctx, global).width()));
    return ExitCode.OK;
  }
}
