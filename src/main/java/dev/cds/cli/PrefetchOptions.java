package dev.cds.cli;

import dev.cds.prefetch.PrefetchSettings;
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
      description = "Resolve and fetch prefetch, print the per-key report and the request (secrets redacted);"
          + " do not call the service.")
  boolean dryRun;

  PrefetchSettings settings(FhirOptions fhir, CliContext ctx) {
    return source.settings(fhir, ctx, disabled);
  }
}
