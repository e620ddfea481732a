package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.model.Service;
import dev.cds.hooks.VersionChoice;
import dev.cds.core.CdsException;
import dev.cds.core.DisplayWidth;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.prefetch.PrefetchResult;
import dev.cds.prefetch.PrefetchSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "prefetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fulfil a service's prefetch templates as an EHR would, and report each key.",
      "Per key: the template, the URL or why it was skipped, and what came back. A",
      "search with no match keeps its empty searchset Bundle; a read answered 404",
      "gives null."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds prefetch order-dispatch-crd --base https://cds.example.org \\",
      "      --context examples/contexts/order-dispatch.json \\",
      "      --fhir-server https://ehr.example.org/fhir   # illustrative: real servers",
      "  cds init order-sign | cds prefetch order-sign-coverage --context - \\",
      "      --fhir-data examples/fhir/",
      "  cds prefetch order-dispatch-crd --context examples/contexts/order-dispatch.json \\",
      "      --fhir-data examples/fhir/ehr.json --output json | jq .prefetch"})
final class PrefetchCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;
  @Mixin FhirOptions fhir;
  @Mixin PrefetchSourceOptions source;
  @Mixin AuthOptions auth;

  @Parameters(paramLabel = "SERVICE_ID", description = "The service id, as cds discover lists it.")
  String serviceId;

  @Option(names = "--context", paramLabel = "FILE|-", required = true,
      description = "The hook context (or a whole request, whose context is used).")
  String contextFile;

  @Option(names = "--hook-version", paramLabel = "V",
      description = "Hook version whose token rules apply (default: the one the context fits).")
  String hookVersion;

  private final CliContext ctx;

  PrefetchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (contextFile.equals("-") && "-".equals(source.given)) {
      throw CdsException.usage("--context and --prefetch cannot both read stdin: give one of them a file");
    }
    ctx.requirePipedStdin(contextFile, "give the context file, or pipe one in (cds init HOOK | …)");
    ctx.requirePipedStdin(source.given, "give the prefetch file, or pipe one in");
    PrefetchSettings settings = source.settings(fhir, ctx, false);
    ObjectNode context = readContext();
    Wiring.Connection conn = Wiring.connect(ctx, global, server, auth, null);
    HookCatalog catalog = HookCatalog.bundled();
    List<Service> found = conn.client().discover().resolve(serviceId, List.of(), null);
    if (found.size() > 1) {
      throw CdsException.usage(serviceId + " has " + found.size() + " services here: name one of "
          + String.join(", ", found.stream().map(Service::id).toList()));
    }
    Service service = found.get(0);
    VersionChoice version = catalog.resolve(service.hook(), hookVersion, service.hookVersion(), context);
    if (version.warning() != null) {
      ctx.err().println("cds: warning: " + version.warning());
    }
    HookDefinition hook = version.definition();
    PrefetchResult result = settings.open(conn.transport(), ctx.clock(), ctx.in())
        .fulfil(service.prefetchTemplates(), context, hook, conn.client().timeout());
    if (global.json(ctx)) {
      ObjectNode out = Json.object().put("service", service.id()).put("hook", service.hook());
      out.setAll(result.toJson());
      ctx.out().println(Json.pretty(out));
      return ExitCode.OK;
    }
    ctx.out().println(DisplayWidth.truncate(Sanitizer.line("service " + service.id() + " (" + service.hook()
        + (hook == null ? "" : " " + hook.version()) + ")"
        + (result.source() == null ? "" : ", data from " + result.source())), ctx.tableWidth(), ctx.glyphs().ellipsis()));
    ctx.out().print(result.keys().isEmpty() ? "no prefetch templates declared\n"
        : result.table(ctx.tableWidth(), ctx.glyphs()));
    return ExitCode.OK;
  }

  private ObjectNode readContext() {
    JsonNode n = Json.read(contextFile, ctx.in());
    if (n.isObject() && n.path("context").isObject() && n.has("hook")) {
      n = n.get("context");
    }
    if (!n.isObject()) {
      throw CdsException.badInput((contextFile.equals("-") ? "stdin" : contextFile)
          + " is not a context object: expected {\"patientId\": …} or a whole request");
    }
    return (ObjectNode) n;
  }
}
