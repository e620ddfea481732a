package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.CdsClient;
import dev.cds.client.Discovery;
import dev.cds.http.Transport;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.prefetch.PrefetchResult;
import dev.cds.prefetch.PrefetchSettings;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prefetch for {@code cds call}: sources, token rules, {@code --no-prefetch} and {@code --dry-run}.
 * Searches with no match are sent as the empty searchset Bundle the FHIR server answered; a read
 * that finds nothing is sent as null; only fulfilled keys are sent.
 */
public final class PrefetchOptions {
  @Mixin PrefetchSourceOptions source;

  @Option(names = "--no-prefetch", description = "Send no prefetch, even if the service declares templates.")
  boolean disabled;

  @Option(names = "--dry-run",
      description = "Resolve and fetch prefetch, print the per-key report and the request; do not call the service.")
  boolean dryRun;

  public boolean dryRun() {
    return dryRun;
  }

  public boolean disabled() {
    return disabled;
  }

  public PrefetchSettings settings(FhirOptions fhir, CliContext ctx) {
    return source.settings(fhir, ctx, disabled);
  }

  /**
   * Fulfils a service's templates and prints one warning line per troubled key on stderr (invalid
   * template, unreachable FHIR server, OperationOutcome). Put {@link PrefetchResult#prefetch()}
   * into the request when {@link PrefetchResult#hasPrefetch()}.
   */
  public PrefetchResult fulfil(CliContext ctx, Transport transport, FhirOptions fhir, JsonNode templates,
      ObjectNode context, HookDefinition hook, Duration timeout) {
    PrefetchResult result = settings(fhir, ctx).fulfil(transport, ctx.clock(), ctx.in(), templates, context, hook, timeout);
    result.warnings().forEach(w -> ctx.err().println("cds: warning: " + w));
    return result;
  }

  /**
   * {@code body} with {@code service}'s prefetch fulfilled (prefetch already in the body wins), for
   * {@code cds call}; under {@code --dry-run} the per-key report and the request are printed.
   */
  public ObjectNode fulfilInto(CliContext ctx, GlobalOptions global, Transport transport, FhirOptions fhir,
      Discovery.Service service, ObjectNode body, String hookVersion, CdsClient client) {
    ObjectNode b = body.deepCopy();
    ObjectNode context = (ObjectNode) b.get("context");
    HookDefinition d = PrefetchSettings.hookFor(HookCatalog.bundled(), b.path("hook").asText(), hookVersion, context);
    PrefetchResult pr = fulfil(ctx, transport, fhir, service.raw().get("prefetch"), context, d, client.timeout());
    if (pr.hasPrefetch()) {
      ObjectNode merged = pr.prefetch().deepCopy();
      if (b.path("prefetch").isObject()) {
        merged.setAll((ObjectNode) b.get("prefetch"));
      }
      b.set("prefetch", merged);
    }
    if (dryRun) {
      if (global.json(ctx)) {
        ObjectNode n = Json.object();
        n.put("service", service.id());
        n.set("prefetch", pr.toJson());
        n.set("request", b);
        ctx.out().println(Json.compact(n));
      } else {
        ctx.out().println("== " + service.id() + " (" + client.endpoints().service(service.id()) + ")");
        ctx.out().print(pr.table());
        ctx.out().println(Json.pretty(b));
      }
    }
    return b;
  }
}
