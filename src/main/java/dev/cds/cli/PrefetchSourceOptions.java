package dev.cds.cli;

import dev.cds.prefetch.PrefetchSettings;
import dev.cds.prefetch.Prefetcher;
import dev.cds.prefetch.TokenRules;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where prefetch data comes from besides a FHIR server, and which token grammar applies. */
public final class PrefetchSourceOptions {
  @Option(names = "--prefetch", paramLabel = "FILE|-",
      description = "A ready prefetch object; its keys win over fetched ones.")
  String given;

  @Option(names = "--fhir-data", paramLabel = "BUNDLE|DIR",
      description = "Answer prefetch offline from a FHIR Bundle or a folder of resource JSON"
          + " files (instead of --fhir-server).")
  Path from;

  /** The former name, kept so existing scripts still run. */
  @Option(names = "--prefetch-from", hidden = true, paramLabel = "BUNDLE|DIR")
  void prefetchFrom(Path value) {
    from = value;
  }

  @Option(names = "--prefetch-tokens", paramLabel = "2.0|crd|fhirpath|all", converter = TokenRulesConverter.class,
      description = "Token rules: CDS Hooks 2.0, Da Vinci CRD 2.0 ({{context.KEY.TYPE.id}}) or"
          + " the 3.0 FHIRPath subset (default: all that parse).")
  TokenRules tokens;

  @Option(names = "--prefetch-pages", paramLabel = "N",
      description = "Follow a search's next links on the FHIR server, up to N pages in all, and send them"
          + " merged as one searchset Bundle; stops early at the template's _maxresults (default: 1, no paging).")
  Integer pages;

  @Option(names = "--max-prefetch", paramLabel = "N", defaultValue = "" + Prefetcher.DEFAULT_MAX_READS,
      description = "Fetch at most N prefetch URLs per run, for all services together; identical URLs are"
          + " fetched once (default: ${DEFAULT-VALUE}).")
  int maxReads;

  PrefetchSettings settings(FhirOptions fhir, CliContext ctx, boolean disabled) {
    if (pages != null && pages < 1) {
      throw dev.cds.core.CdsException.usage("--prefetch-pages " + pages + ": give 1 (no paging) or more");
    }
    return new PrefetchSettings(tokens == null ? TokenRules.ALL : tokens, given, from,
        fhir == null ? null : fhir.server(), fhir == null ? null : fhir.token(), disabled, pages == null ? 1 : pages,
        maxReads);
  }
}
