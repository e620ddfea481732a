package dev.cds.client;

import dev.cds.http.ResponseErrors;
import dev.cds.http.NetworkErrors;
import dev.cds.http.HttpResult;
import dev.cds.http.HttpCall;
import dev.cds.http.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.http.HttpFailure;
import dev.cds.http.HttpJson;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to one CDS server: discovery, hook calls, feedback. Every request carries the extra
 * headers and the per-request Authorization of the {@link Authorizer}.
 */
public final class CdsClient {
  private final Transport transport;
  private final Endpoints endpoints;
  private final Authorizer authorizer;
  private final Map<String, String> extraHeaders;
  private final Duration timeout;
  private final DiscoveryCache cache;
  private final String identity;
  private final boolean refresh;

  public CdsClient(Transport transport, Endpoints endpoints, Authorizer authorizer,
      Map<String, String> extraHeaders, Duration timeout) {
    this(transport, endpoints, authorizer, extraHeaders, timeout, null, null, false);
  }

  private CdsClient(Transport transport, Endpoints endpoints, Authorizer authorizer, Map<String, String> extraHeaders,
      Duration timeout, DiscoveryCache cache, String identity, boolean refresh) {
    this.transport = transport;
    this.endpoints = endpoints;
    this.authorizer = authorizer;
    this.extraHeaders = extraHeaders;
    this.timeout = timeout;
    this.cache = cache;
    this.identity = identity;
    this.refresh = refresh;
  }

  /**
   * This client with a discovery cache for one auth identity; {@code refresh} skips reading it
   * (the fresh document is still stored).
   */
  public CdsClient withDiscoveryCache(DiscoveryCache cache, String identity, boolean refresh) {
    return new CdsClient(transport, endpoints, authorizer, extraHeaders, timeout, cache, identity, refresh);
  }

  /** The discovery document: from the cache when there is a fresh entry, else from the server. */
  public Discovery discover() {
    if (cache != null && !refresh) {
      var cached = cache.get(endpoints.base(), identity);
      if (cached.isPresent() && cached.get().isObject()) {
        return Discovery.of(cached.get()).fromCache();
      }
    }
    return discoverFresh();
  }

  /** Forgets the cached document (a call found it stale); the next discovery asks the server. */
  public void forgetDiscovery() {
    if (cache != null) {
      cache.invalidate(endpoints.base(), identity);
    }
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * GET {base}/cds-services, always (the cache, if any, is refreshed). A failure, a non-2xx answer or a body that is not JSON is a typed
   * {@link HttpFailure} (exit 4); a FHIR server's answer there says the base URL is a FHIR base.
   */
  public Discovery discoverFresh() {
    URI uri = endpoints.discovery();
    HttpResult r = send(HttpCall.get(uri, timeout));
    if (!r.ok()) {
      HttpFailure f = ResponseErrors.status(r, uri.toString());
      throw ResponseErrors.looksLikeFhir(r) ? fhirBase(r, uri, f) : f;
    }
    JsonNode doc = HttpJson.parse(r, uri.toString(), "discovery document");
    if (ResponseErrors.looksLikeFhir(r)) {
      throw fhirBase(r, uri, null);
    }
    if (!doc.isObject()) {
      throw new HttpFailure(HttpFailure.Kind.NOT_JSON, uri.toString(), r.status(),
          "discovery at " + uri + " is not a JSON object: is " + endpoints.base() + " a CDS Hooks base URL?");
    }
    Discovery d = Discovery.of(doc);
    if (cache != null) {
      cache.put(endpoints.base(), identity, doc);
    }
    String charset = r.charsetProblem();
    if (charset == null) {
      return d;
    }
    List<String> warnings = new ArrayList<>(d.warnings());
    warnings.add(charset);
    return new Discovery(d.document(), d.services(), List.copyOf(warnings), false);
  }

  private HttpFailure fhirBase(HttpResult r, URI uri, HttpFailure cause) {
    return new HttpFailure(HttpFailure.Kind.STATUS, uri.toString(), r.status(), uri + " answers like a FHIR server"
        + (cause == null ? "" : " (HTTP " + r.status() + ")") + ", not a CDS Hooks discovery endpoint: "
        + endpoints.base() + " looks like a FHIR base URL; give the CDS service's base URL"
        + " (its services are at BASE/cds-services)");
  }

  /** POSTs a hook request; the result, whatever its status (callers decide what failed means). */
  public HttpResult post(URI uri, JsonNode body) {
    return send(HttpCall.postJson(uri, Json.compact(body).getBytes(StandardCharsets.UTF_8), timeout));
  }

  public HttpResult send(HttpCall call) {
    HttpCall c = prepare(call);
    try {
      return sendPrepared(c);
    } catch (IOException e) {
      throw NetworkErrors.describe(e, c.uri().toString(), timeout);
    }
  }

  /**
   * {@code call} with the extra headers and its own Authorization (a fresh JWT when signing):
   * separate from {@link #sendPrepared} so a load test signs off the timed path.
   */
  public HttpCall prepare(HttpCall call) {
    HttpCall c = call;
    for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
      c = c.withHeader(h.getKey(), h.getValue());
    }
    var auth = authorizer.authorization(c.method(), c.uri());
    if (auth.isPresent()) {
      c = c.withHeader("Authorization", auth.get());
    }
    return c;
  }

  /** Sends a {@link #prepare prepared} call; network failures stay exceptions for the caller to classify. */
  public HttpResult sendPrepared(HttpCall prepared) throws IOException {
    return transport.send(prepared);
  }
}
