package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked of prefetch, free of picocli: token rules, a ready prefetch object, an
 * offline store or a FHIR server, or none at all.
 *
 * @param given a file (or {@code -}) holding a ready prefetch object, or null
 * @param from a FHIR Bundle or folder of resources to answer from, or null; wins over fhirServer
 * @param fhirServer the FHIR server to fetch from, or null
 * @param fhirToken sent as a bearer token to fhirServer, or null
 * @param disabled {@code --no-prefetch}: send no prefetch at all
 * @param maxReads the most reads one fulfilment makes (at least 1)
 */
public record PrefetchSettings(
    TokenRules rules, String given, Path from, String fhirServer, String fhirToken, boolean disabled, int maxReads) {

  public PrefetchSettings {
    if (disabled && (given != null || from != null)) {
      throw CdsException.usage("--no-prefetch sends no prefetch: drop it or drop --prefetch/--prefetch-from");
    }
    if (maxReads < 1) {
      throw CdsException.usage("--max-prefetch must be at least 1 (or --no-prefetch to fetch nothing)");
    }
  }

  /** With the default budget of {@link Prefetcher#DEFAULT_MAX_READS} reads. */
  public PrefetchSettings(TokenRules rules, String given, Path from, String fhirServer, String fhirToken, boolean disabled) {
    this(rules, given, from, fhirServer, fhirToken, disabled, Prefetcher.DEFAULT_MAX_READS);
  }

  /** The source to fetch from: the offline store when given, else the FHIR server, else null. */
  public FhirSource source(Transport transport) {
    if (from != null) {
      return ResourceStore.load(from);
    }
    return fhirServer == null ? null : new RemoteFhirSource(transport, fhirServer, fhirToken);
  }

  /** The user's ready prefetch object, or null; anything but a JSON object is bad input. */
  public JsonNode givenPrefetch(InputStream stdin) {
    if (given == null) {
      return null;
    }
    JsonNode n = Json.read(given, stdin);
    if (n.isObject() && n.has("prefetch") && n.has("hook")) {
      n = n.get("prefetch"); // a whole request: take its prefetch
    }
    if (!n.isObject()) {
      throw CdsException.badInput((given.equals("-") ? "stdin" : given)
          + " is not a prefetch object: expected {\"key\": resource-or-null, …}");
    }
    return n;
  }

  /** Resolves, fetches and merges; with {@code --no-prefetch} nothing is fetched or sent. */
  public PrefetchResult fulfil(Transport transport, java.time.Clock clock, InputStream stdin, JsonNode templates,
      ObjectNode context, HookDefinition hook, java.time.Duration timeout) {
    if (disabled) {
      List<KeyReport> keys = new ArrayList<>();
      if (templates != null) {
        templates.fields().forEachRemaining(e -> keys.add(new KeyReport(e.getKey(), e.getValue().asText(), null,
            KeyReport.State.NOT_FETCHED, 0, null, null, "--no-prefetch")));
      }
      return new PrefetchResult(List.copyOf(keys), Json.object(), null);
    }
    JsonNode givenPrefetch = givenPrefetch(stdin);
    return new Prefetcher(rules, clock, maxReads).run(templates, context, hook, source(transport), givenPrefetch, timeout);
  }

  /**
   * The catalog definition whose token rules apply: the asked version, else the first version
   * whose required fields the context has (order-dispatch 1.0 vs 1.1), else the default. Null for
   * a hook the catalog does not know, which makes every root-level context value a token.
   */
  public static HookDefinition hookFor(HookCatalog catalog, String hook, String version, JsonNode context) {
    if (hook == null || !catalog.knows(hook)) {
      return null;
    }
    if (version != null) {
      return catalog.definition(hook, version);
    }
    HookCatalog.Entry entry = catalog.entry(hook);
    for (String v : entry.versions()) {
      HookDefinition d = catalog.definition(hook, v);
      if (d.fields().stream().filter(f -> f.required()).allMatch(f -> context != null && context.has(f.name()))) {
        return d;
      }
    }
    return catalog.definition(hook, null);
  }
}
