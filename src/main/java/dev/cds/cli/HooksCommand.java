package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.TerminalWidth;
import dev.cds.cards.Wrapper;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Table;
import dev.cds.hooks.ContextField;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "hooks",
    description = "List the hook catalog: name, versions, maturity, deprecation.",
    subcommands = HooksCommand.Show.class,
    footerHeading = "%nExamples:%n",
    footer = {"  cds hooks", "  cds hooks --output json | jq -r '.[].hook'", "  cds hooks show order-dispatch --hook-version 1.0"})
final class HooksCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  private final CliContext ctx;

  HooksCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    HookCatalog catalog = HookCatalog.bundled();
    if (global.json(ctx)) {
      ArrayNode list = Json.array();
      for (HookCatalog.Entry e : catalog.entries()) {
        HookDefinition d = catalog.definition(e.hook(), null);
        ObjectNode n = list.addObject();
        n.put("hook", e.hook());
        n.put("defaultVersion", e.defaultVersion());
        e.versions().forEach(n.putArray("versions")::add);
        n.put("specificationVersion", d.specificationVersion());
        n.put("maturity", d.maturity());
        n.put("deprecated", d.deprecated());
        d.replacedBy().forEach(n.putArray("replacedBy")::add);
        n.put("summary", d.summary());
      }
      ctx.out().println(Json.pretty(list));
      return ExitCode.OK;
    }
    Table table = new Table("HOOK", "VERSION", "MATURITY", "DEPRECATED");
    for (HookCatalog.Entry e : catalog.entries()) {
      HookDefinition d = catalog.definition(e.hook(), null);
      String versions = e.versions().size() == 1 ? e.defaultVersion()
          : e.defaultVersion() + " (also " + String.join(", ", e.versions().stream().filter(v -> !v.equals(e.defaultVersion())).toList()) + ")";
      table.row(e.hook(), versions, d.maturity(), d.deprecated() ? "yes → " + String.join(", ", d.replacedBy()) : "");
    }
    ctx.out().print(table);
    return ExitCode.OK;
  }

  @Command(
      name = "show",
      description = "Show a hook's context fields: name, required, prefetch token, type.",
      footerHeading = "%nExamples:%n",
      footer = {"  cds hooks show order-sign", "  cds hooks show order-dispatch --hook-version 1.0 --output json"})
  static final class Show implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(paramLabel = "HOOK", completionCandidates = HookNameCandidates.class, description = "The hook.")
    String hook;

    @Option(names = "--hook-version", paramLabel = "V", description = "Hook version (default: the catalog's default).")
    String hookVersion;

    private final CliContext ctx;

    Show(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      HookCatalog catalog = HookCatalog.bundled();
      HookDefinition d = catalog.definition(hook, hookVersion);
      if (global.json(ctx)) {
        ctx.out().println(Json.pretty(Json.tree(d)));
        return ExitCode.OK;
      }
      var out = ctx.out();
      int width = TerminalWidth.resolve(ctx.columns(), ctx.stdoutIsTerminal(), ctx.env());
      out.println(d.hook() + " " + d.version() + " (specification " + d.specificationVersion()
          + ", maturity " + d.maturity() + ")");
      if (d.deprecated()) {
        out.println("DEPRECATED: use " + String.join(" or ", d.replacedBy()));
      }
      Wrapper.plain(d.summary(), width, "").forEach(out::println);
      out.println();
      Table table = new Table("FIELD", "REQUIRED", "PREFETCH", "TYPE");
      for (ContextField f : d.fields()) {
        table.row(f.name(), f.required() ? "required" : "optional", f.prefetchToken() ? "yes" : "no", typeOf(f));
      }
      out.print(table);
      for (ContextField f : d.fields()) {
        out.println();
        out.println(f.name());
        Wrapper.plain(f.description(), width, "    ").forEach(out::println);
        if (!f.referenceTypes().isEmpty()) {
          Wrapper.plain("References: " + String.join(", ", f.referenceTypes()), width, "    ").forEach(out::println);
        }
        f.resourceTypes().forEach((fhir, types) ->
            Wrapper.plain(fhir + " resources: " + String.join(", ", types), width, "    ").forEach(out::println));
      }
      if (!d.aliases().isEmpty()) {
        out.println();
        out.println("Other spellings (seen in published examples or near misses):");
        d.aliases().forEach((alias, field) -> out.println("    " + alias + " → " + field));
      }
      out.println();
      out.println("Skeletons: " + String.join(", ", d.templates().keySet()) + " (cds init " + d.hook()
          + (hookVersion == null ? "" : " --hook-version " + d.version()) + " --fhir-version V)");
      d.templates().forEach((fhir, t) -> {
        if (t.note() != null) {
          Wrapper.plain(fhir + ": " + t.note(), width, "    ").forEach(out::println);
        }
      });
      return ExitCode.OK;
    }

    private static String typeOf(ContextField f) {
      return switch (f.form()) {
        case "reference" -> "Type/id";
        case "references" -> "array of Type/id";
        case "bundle" -> "Bundle";
        case "resource" -> "resource";
        case "resources" -> "array of resources";
        case "id" -> "id";
        default -> f.type();
      };
    }
  }
}
