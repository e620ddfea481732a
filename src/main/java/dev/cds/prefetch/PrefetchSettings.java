package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.http.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
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
 * @param pages how many pages of a search to fetch from fhirServer and merge (1: no paging)
 * @param maxReads the most URLs one run fetches, whatever the number of services (at least 1)
 */
public record PrefetchSettings(TokenRules rules, String given, Path from, String fhirServer, String fhirToken,
    boolean disabled, int pages, int maxReads) {

  public PrefetchSettings {
    if (disabled && (given != null || from != null)) {
      throw CdsException.usage("{0} sends no prefetch: drop it or drop {1}/{2}", Setting.NO_PREFETCH, Setting.PREFETCH,
          Setting.FHIR_DATA);
    }
    if (pages < 1) {
      throw CdsException.usage("a page cap of " + pages + " fetches nothing: give 1 (no paging) or more");
    }
    if (maxReads < 1) {
      throw CdsException.usage("a budget of " + maxReads + " prefetch reads fetches nothing: give 1 or more"
          + " (or switch prefetch off)");
    }
  }

  public PrefetchSettings(TokenRules rules, String given, Path from, String fhirServer, String fhirToken, boolean disabled) {
    this(rules, given, from, fhirServer, fhirToken, disabled, 1);
  }

  /** With the default budget of {@link Prefetcher#DEFAULT_MAX_READS} reads. */
  public PrefetchSettings(TokenRules rules, String given, Path from, String fhirServer, String fhirToken, boolean disabled,
      int pages) {
    this(rules, given, from, fhirServer, fhirToken, disabled, pages, Prefetcher.DEFAULT_MAX_READS);
  }

  /** The source to fetch from: the offline store when given, else the FHIR server, else null. */
  public FhirSource source(Transport transport) {
    if (from != null) {
      return ResourceStore.load(from);
    }
    return fhirServer == null ? null : new RemoteFhirSource(transport, fhirServer, fhirToken, pages);
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

  /**
   * Reads what this run's prefetch needs exactly once, whatever the number of services: the ready
   * prefetch object (stdin can be read only once) and the offline store.
   */
  public PrefetchRun open(Transport transport, java.time.Clock clock, InputStream stdin) {
    return open(transport, clock, stdin, null);
  }

  /**
   * As {@link #open(Transport, java.time.Clock, InputStream)}, answering from {@code fallback}
   * when neither a store nor a FHIR server was given (conformance runs default to example data).
   */
  public PrefetchRun open(Transport transport, java.time.Clock clock, InputStream stdin, FhirSource fallback) {
    if (disabled) {
      return new PrefetchRun(rules, clock, null, null, true, maxReads);
    }
    FhirSource source = source(transport);
    return new PrefetchRun(rules, clock, givenPrefetch(stdin), source != null ? source : fallback, false, maxReads);
  }
}
