package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.Transport;
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
}
