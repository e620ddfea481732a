package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefetch for one run, its inputs read once ({@link PrefetchSettings#open}): fulfils each
 * service's templates from the same ready keys and the same source, fetching each URL once and
 * no more URLs than the run's budget, whatever the number of services.
 */
public final class PrefetchRun {
  private final TokenRules rules;
  private final Clock clock;
  private final JsonNode given;
  private final FhirSource source;
  private final boolean disabled;
  private final Reads reads;

  PrefetchRun(TokenRules rules, Clock clock, JsonNode given, FhirSource source, boolean disabled, int maxReads) {
    this.rules = rules;
    this.clock = clock;
    this.given = given;
    this.source = source;
    this.disabled = disabled;
    this.reads = new Reads(maxReads);
  }

  /** Resolves, fetches and merges; when prefetch is switched off nothing is fetched or sent. */
  public PrefetchResult fulfil(JsonNode templates, ObjectNode context, HookDefinition hook, Duration timeout) {
    if (disabled) {
      List<KeyReport> keys = new ArrayList<>();
      if (templates != null) {
        templates.fields().forEachRemaining(e -> keys.add(new KeyReport(e.getKey(), e.getValue().asText(), null,
            KeyReport.State.NOT_FETCHED, 0, null, null, "prefetch switched off")));
      }
      return new PrefetchResult(List.copyOf(keys), Json.object(), null);
    }
    return new Prefetcher(rules, clock, reads).run(templates, context, hook, source, given, timeout);
  }
}
