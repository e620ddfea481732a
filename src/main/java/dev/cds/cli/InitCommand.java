package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.FhirVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Overrides;
import dev.cds.hooks.RequestSkeleton;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "init",
    description = "Print a complete, valid request skeleton for a hook.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds init patient-view",
      "  cds init order-sign --fhir-version STU3 --full",
      "  cds init order-dispatch --hook-version 1.0",
      "  cds init order-dispatch --set context.performer=Organization/9 -o request.json",
      "  cds init order-select --fhir-server https://ehr.example.org/fhir | jq .context"
    })
final class InitCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Parameters(paramLabel = "HOOK", completionCandidates = HookNameCandidates.class,
      description = "The hook, e.g. patient-view, order-sign, order-dispatch.")
  String hook;

  @Option(names = "--fhir-version", paramLabel = "R4|STU3|DSTU2", defaultValue = "R4",
      description = "FHIR version of the resources in the context (default: ${DEFAULT-VALUE}).")
  FhirVersion fhirVersion;

  @Option(names = "--hook-version", paramLabel = "V",
      description = "Hook version, e.g. 1.0 or 1.1 for order-dispatch (default: the catalog's default).")
  String hookVersion;

  @Option(names = "--full", description = "Include the optional context fields too.")
  boolean full;

  @Option(names = "--fhir-server", paramLabel = "URL",
      description = "Add fhirServer and a fhirAuthorization placeholder to fill in.")
  String fhirServer;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a field by dotted path (repeatable); JSON values go in as JSON.")
  List<String> sets;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of stdout (- is stdout; how: Files in cds --help).")
  Path outFile;

  private final CliContext ctx;

  InitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String version = fhirVersion.name();
    Overrides overrides = Overrides.parse(sets);
    HookCatalog catalog = HookCatalog.bundled();
    HookDefinition def = catalog.definition(hook, hookVersion);
    HookDefinition.Template template = def.templates().get(version);
    ObjectNode request = new RequestSkeleton(catalog)
        .build(def, new RequestSkeleton.Options(version, full, fhirServer), overrides);
    if (def.deprecated()) {
      ctx.err().println("cds: note: " + def.hook() + " is deprecated; use " + String.join(" or ", def.replacedBy()));
    }
    if (template != null && template.adaptedFrom() != null) {
      ctx.err().println("cds: note: the hook library has no " + version + " example for " + def.hook()
          + "; this skeleton adapts its " + template.adaptedFrom() + " example (cds hooks show "
          + def.hook() + " says how)");
    }
    OutFile.check(outFile);
    String text = Json.pretty(request) + "\n";
    if (outFile != null && !outFile.toString().equals("-")) {
      AtomicFiles.write(outFile, text);
    } else {
      ctx.out().print(text);
    }
    return ExitCode.OK;
  }
}
