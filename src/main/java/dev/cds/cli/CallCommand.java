package dev.cds.cli;

import dev.cds.call.CallResult;
import dev.cds.call.CallSpec;
import dev.cds.call.HookCall;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.FhirVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Overrides;
import dev.cds.validate.Validator;
import java.util.List;
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
      "  cds call order-dispatch --context examples/contexts/order-dispatch.json",
      "  cds call patient-view --set context.patientId=abc --output json | jq .",
      "  cds call order-sign-coverage --request examples/requests/order-sign.json",
      "  cds call order-sign --expect saved.json --fail-on critical   # CI",
      "  cds call order-dispatch --interactive   # illustrative: a terminal; then feedback",
      "",
      "HOOK calls every service of that hook in parallel (--service narrows it);",
      "SERVICE_ID calls that one. With --output json, SERVICE_ID prints its response",
      "body (nothing on stdout if it failed: exit 4, message on stderr); HOOK prints one",
      "line per service (ndjson), even for one service:",
      "  {\"service\":ID,\"hook\":H,\"hookVersion\":V,",
      "   \"status\":200,\"elapsedMs\":12,\"body\":{...},\"findings\":[...]}",
      "with \"error\":\"...\" instead of body when that service failed (exit 4).",
      "",
      "Load test: --repeat N and/or --duration D send the hook to each service in",
      "turn, --concurrency C at once, at most --rate R/s; fresh hookInstance (and JWT)",
      "per request. Prints per service: requests, errors by kind, req/s, latency",
      "min/p50/p90/p95/p99/max (--output json: one object per service). Exit 4 when",
      "any request failed; 1 when a p90 or p95 is over --fail-on-p90/--fail-on-p95",
      "DURATION, or when an answer has a card at --fail-on LEVEL or, with --strict, a",
      "finding (counted per answer as FLAGGED; checking costs client time, not latency).",
      "--segment I/N runs share I of N processes; cds load merge adds their logs up.",
      "  cds call order-dispatch --repeat 200 --concurrency 4 --fail-on critical",
      "  cds call patient-view --duration 30s --rate 50/s --fail-on-p95 500ms   # illustrative: 30 s",
      "  cds call order-dispatch --repeat 100 --segment 0/2 --histogram-log half-0.hlog",
      "  cds call order-dispatch --repeat 100 --segment 1/2 --histogram-log half-1.hlog",
      "  cds load merge half-0.hlog half-1.hlog --fail-on-p90 5s"
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
  @Mixin CrdOptions crd;

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
  FhirVersion fhirVersion;

  private final CliContext ctx;

  CallCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    load.beforeFirstConnection();
    checkCombinations();
    Wiring.Connection conn = Wiring.connect(ctx, global, server, auth, null);
    HookCatalog catalog = HookCatalog.bundled();
    CallSpec spec = new CallSpec(target, services,
        contextFile == null ? null : Json.read(contextFile, ctx.in()),
        requestFile == null ? null : Json.read(requestFile, ctx.in()),
        keepInstance, fhirVersion.name(), hookVersion, Overrides.parse(sets), fhir.access(),
        crd.extensions(ctx, global.verbose(), validation.disabled),
        prefetch.settings(fhir, ctx).open(conn.transport(), ctx.clock(), ctx.in()), validation.checks().withCrd(crd.force),
        cards.expectation(ctx), prefetch.dryRun);
    HookCall engine = new HookCall(conn.client(), catalog, new Validator(catalog));
    CallOutput output = new CallOutput(ctx, global, cards.renderOptions(ctx, global));
    HookCall.Prepared prepared = engine.prepare(spec);
    output.before(prepared, spec.checks().blockInvalidRequests());
    if (prefetch.dryRun) {
      output.dryRun(prepared, conn.client().endpoints().base());
      return prepared.blocked(spec.checks()) ? ExitCode.FINDINGS : ExitCode.OK;
    }
    if (prepared.blocked(spec.checks())) {
      return ExitCode.FINDINGS;
    }
    if (load.active()) {
      return load.run(ctx, global, conn.client(), prepared.targets(), conn.tls(), engine.answerCheck(prepared, spec),
          server.maxResponseBytes());
    }
    CallResult result = engine.send(prepared, spec, output.listener(prepared));
    output.result(result);
    if (cards.interactive) {
      Interaction.feedback(ctx, conn.client(), result.outcomes());
    }
    return result.exitCode(validation.strict);
  }

  /** One reader of stdin per run, and no option a load run would silently ignore. */
  private void checkCombinations() {
    if (contextFile != null && requestFile != null) {
      throw CdsException.usage("give --context or --request, not both");
    }
    int stdinReaders = 0;
    for (String file : new String[] {contextFile, requestFile, prefetch.source.given, cards.expect}) {
      stdinReaders += "-".equals(file) ? 1 : 0;
    }
    if (stdinReaders > 1) {
      throw CdsException.usage("only one option can read stdin (-): save the others to files");
    }
    if (load.active()) {
      String ignored = cards.expect != null ? "--expect" : cards.interactive ? "--interactive"
          : prefetch.dryRun ? "--dry-run" : null;
      if (ignored != null) {
        throw CdsException.usage(ignored + " does not work in a load run (--repeat/--duration): drop one of them");
      }
    }
  }
}
