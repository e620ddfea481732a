package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.Expectation;
import dev.cds.client.CdsClient;
import dev.cds.client.Discovery;
import dev.cds.client.HookCaller;
import dev.cds.client.RequestBuilder;
import dev.cds.client.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Overrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "call",
    description = "Fire a hook at CDS services and show their cards.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds call order-dispatch --base http://localhost:8080 \\",
      "      --context examples/contexts/order-dispatch.json",
      "  cds call patient-view --set context.patientId=abc --output json | jq .",
      "  cds call order-sign-crd --request saved.json --keep-instance",
      "  cds call order-sign --base $URL --expect saved.json --fail-on critical   # CI",
      "  cds call order-dispatch --base $URL --interactive   # then send feedback",
      "",
      "HOOK calls every service of that hook in parallel (--service narrows it);",
      "SERVICE_ID calls that one. With --output json one service prints its response",
      "body on one line; several print one line each (ndjson):",
      "  {\"service\":ID,\"hook\":H,\"status\":200,\"elapsedMs\":12,\"body\":{...}}",
      "with \"error\":\"...\" when that service failed (exit 4 if any failed).",
      "",
      "Load test: --repeat N and/or --duration D send the hook to each service in",
      "turn, --concurrency C at once, at most --rate R/s; fresh hookInstance (and JWT)",
      "per request. Prints per service: requests, errors by kind, req/s, latency",
      "min/p50/p90/p95/p99/max (--output json: one object per service). Exit 4 when",
      "any request failed, 1 when a p95 is over --fail-on-p95 DURATION:",
      "  cds call order-dispatch --repeat 20000 --concurrency 16",
      "  cds call patient-view --duration 30s --rate 50/s --fail-on-p95 500ms"
    })
final class CallCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;
  @Mixin FhirOptions fhir;
  @Mixin PrefetchOptions prefetch;
  @Mixin AuthOptions auth;
  @Mixin CardCheckOptions cards;
  @Mixin ValidationOptions validation;
  @Mixin LoadOptions load;

  @Parameters(paramLabel = "HOOK|SERVICE_ID", completionCandidates = HookNameCandidates.class,
      description = "A hook name (calls all its services) or one service id.")
  String target;

  @Option(names = "--service", paramLabel = "ID", description = "Only these services of the hook (repeatable).")
  List<String> services;

  @Option(names = "--context", paramLabel = "FILE|-", description = "Context object (or a full request) to send.")
  String contextFile;

  @Option(names = "--request", paramLabel = "FILE|-", description = "Send this request body as is (fresh hookInstance).")
  String requestFile;

  @Option(names = "--keep-instance", description = "With --request: keep its hookInstance.")
  boolean keepInstance;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a field of the request (repeatable).")
  List<String> sets;

  @Option(names = "--hook-version", paramLabel = "V", description = "Hook version of the skeleton (default: discovery's or the catalog's).")
  String hookVersion;

  @Option(names = "--fhir-version", paramLabel = "R4|STU3|DSTU2", defaultValue = "R4",
      description = "FHIR version of the skeleton's resources (default: ${DEFAULT-VALUE}).")
  String fhirVersion;

  private final CliContext ctx;

  CallCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    load.beforeFirstConnection();
    if (contextFile != null && requestFile != null) {
      throw CdsException.usage("give --context or --request, not both");
    }
    Overrides overrides = Overrides.parse(sets);
    JsonNode context = contextFile == null ? null : Json.read(contextFile, ctx.in());
    JsonNode request = requestFile == null ? null : Json.read(requestFile, ctx.in());
    Expectation expectation = cards.prepare(ctx, "-".equals(contextFile) || "-".equals(requestFile) || "-".equals(prefetch.source.given));
    var transport = server.transport(ctx, global);
    CdsClient client = server.client(ctx, global, null, transport,
        auth.authorizer(ctx, transport, server.timeout(), global.verbose()));
    HookCatalog catalog = HookCatalog.bundled();
    List<Discovery.Service> chosen = client.discover().resolve(target, catalog.knows(target), services);
    String hook = chosen.get(0).hook();
    HookDefinition def = catalog.knows(hook)
        ? catalog.definition(hook, hookVersion != null ? hookVersion : chosen.get(0).hookVersion())
        : null;
    RequestBuilder.Source source = new RequestBuilder.Source(context, request, keepInstance,
        fhirVersion.toUpperCase(Locale.ROOT), overrides, fhir.access());
    ObjectNode body = new RequestBuilder(catalog).build(hook, def, source);
    List<HookCaller.Target> targets = new ArrayList<>();
    boolean blocked = false;
    for (Discovery.Service s : chosen) {
      ObjectNode b = prefetch.fulfilInto(ctx, global, transport, fhir, s, body, hookVersion, client);
      blocked |= validation.requestBlocked(ctx, catalog, s.id(), b, source.fhirVersion(),
          def == null ? null : def.version(), global.verbose());
      targets.add(new HookCaller.Target(s, b));
    }
    if (prefetch.dryRun()) {
      return blocked ? ExitCode.FINDINGS : ExitCode.OK;
    }
    if (blocked) {
      return ExitCode.FINDINGS;
    }
    if (load.active()) {
      return load.run(ctx, global, client, targets, server.tls());
    }
    List<ServiceOutcome> outcomes = new HookCaller(client).callAll(targets);
    cards.print(ctx, global, outcomes);
    int code = outcomes.stream().anyMatch(ServiceOutcome::failed) ? ExitCode.SERVICE
        : validation.checkResponses(ctx, catalog, outcomes);
    return cards.finish(ctx, global, outcomes, client, expectation, code);
  }
}
