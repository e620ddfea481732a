package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.TerminalWidth;
import dev.cds.cards.Wrapper;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
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
    description = {
      "List the hook catalog: name, versions, maturity, deprecation, and whether the hook",
      "library has a context logical model for it (validation follows those models).",
      "The catalog follows the 2026 CDS Hooks hook library; cds speaks CDS Hooks 2.0 and 3.0."
    },
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
        n.put("contextModel", d.contextModel());
        code(n, catalog.code(e.hook()));
      }
      ctx.out().println(Json.pretty(list));
      return ExitCode.OK;
    }
    // the version list and the replacements give way to a narrow terminal; hook names stay whole
    Table table = new Table("HOOK", "VERSION", "MATURITY", "MODEL", "DEPRECATED").shrink(1, 4);
    for (HookCatalog.Entry e : catalog.entries()) {
      HookDefinition d = catalog.definition(e.hook(), null);
      String versions = e.versions().size() == 1 ? e.defaultVersion()
          : e.defaultVersion() + " (also " + String.join(", ", e.versions().stream().filter(v -> !v.equals(e.defaultVersion())).toList()) + ")";
      boolean model = e.versions().stream().anyMatch(v -> catalog.definition(e.hook(), v).contextModel() != null);
      table.row(e.hook(), versions, d.maturity(), model ? "yes" : "",
          d.deprecated() ? "yes → " + String.join(", ", d.replacedBy()) : "");
    }
    ctx.out().print(table.render(ctx.tableWidth(), ctx.glyphs()));
    HookCatalog.Library lib = catalog.library();
    ctx.out().println();
    int width = TerminalWidth.resolve(ctx.columns(), ctx.stdoutIsTerminal(), ctx.env());
    Wrapper.plain("Hook library " + lib.version() + " (" + lib.date() + "; last published " + lib.published()
        + "); CDS Hooks " + String.join(" and ", SpecVersion.labels()) + " (default " + SpecVersion.DEFAULT.label()
        + ", --spec). MODEL: the library has a context logical model for the hook, and validation follows it.",
        width, "").forEach(ctx.out()::println);
    return ExitCode.OK;
  }

  /** {@code "code": {system, code, display}} of the hook codes CodeSystem, or null when it lists no code yet. */
  static void code(ObjectNode n, HookCatalog.Code code) {
    if (code == null) {
      n.putNull("code");
      return;
    }
    ObjectNode c = n.putObject("code");
    c.put("system", code.system());
    c.put("code", code.code());
    c.put("display", code.display());
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
      HookCatalog.Code code = catalog.code(d.hook());
      if (global.json(ctx)) {
        ObjectNode n = (ObjectNode) Json.tree(d);
        code(n, code);
        ctx.out().println(Json.pretty(n));
        return ExitCode.OK;
      }
      var out = ctx.out();
      int width = TerminalWidth.resolve(ctx.columns(), ctx.stdoutIsTerminal(), ctx.env());
      Wrapper.plain(d.hook() + " " + d.version() + " (specification " + d.specificationVersion()
          + ", maturity " + d.maturity() + ")", width, "").forEach(out::println);
      if (d.deprecated()) {
        Wrapper.plain("DEPRECATED: use " + String.join(" or ", d.replacedBy()), width, "").forEach(out::println);
      }
      Wrapper.plain(d.summary(), width, "").forEach(out::println);
      out.println();
      Wrapper.plain("Source: " + d.source(), width, "").forEach(out::println);
      Wrapper.plain("Code: " + (code == null ? "none yet (the library's hook codes CodeSystem does not list "
          + d.hook() + ")" : code.system() + "#" + code.code() + (code.deprecated() ? " (status deprecated)" : "")),
          width, "").forEach(out::println);
      Wrapper.plain("Context model: " + (d.contextModel() == null
          ? "none (validation follows the page's context table)"
          : d.contextModel() + " (validation follows it)"), width, "").forEach(out::println);
      for (String note : d.notes()) {
        Wrapper.plain("Note: " + note, width, "").forEach(out::println);
      }
      out.println();
      Table table = new Table("FIELD", "REQUIRED", "PREFETCH", "TYPE").shrink(3);
      for (ContextField f : d.fields()) {
        table.row(f.name(), f.required() ? "required" : "optional", f.prefetchToken() ? "yes" : "no", typeOf(f));
      }
      out.print(table.render(ctx.tableWidth(), ctx.glyphs()));
      for (ContextField f : d.fields()) {
        out.println();
        out.println(f.name());
        Wrapper.plain(f.description(), width, "    ").forEach(out::println);
        if (!f.referenceTypes().isEmpty()) {
          Wrapper.plain("References: " + String.join(", ", f.referenceTypes()), width, "    ").forEach(out::println);
        }
        f.resourceTypes().forEach((fhir, types) ->
            Wrapper.plain(fhir + " resources: " + String.join(", ", types), width, "    ").forEach(out::println));
        if (f.expectedStatus() != null) {
          Wrapper.plain("Status: " + f.expectedStatus(), width, "    ").forEach(out::println);
        }
        if (!f.obeys().isEmpty()) {
          Wrapper.plain("Invariants: " + String.join(", ", f.obeys()) + " (" + (f.obeys().contains("ord-1")
              ? "{type}/{id}" : "see the context model") + ")", width, "    ").forEach(out::println);
        }
      }
      if (!d.aliases().isEmpty()) {
        out.println();
        out.println("Other spellings (seen in published examples or near misses):");
        d.aliases().forEach((alias, field) -> Wrapper.plain(alias + " → " + field, width, "    ")
            .forEach(out::println));
      }
      out.println();
      Wrapper.plain("Skeletons: " + String.join(", ", d.templates().keySet()) + " (cds init " + d.hook()
          + (hookVersion == null ? "" : " --hook-version " + d.version()) + " --fhir-version V)", width, "")
          .forEach(out::println);
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
