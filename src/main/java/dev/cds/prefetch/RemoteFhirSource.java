package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR server reached over the cds {@link Transport}, with an optional bearer token. With more
 * than one page allowed, a search's {@code next} links are followed (CDS Hooks lets a client page
 * prefetch) and the pages merged into one searchset Bundle.
 */
public final class RemoteFhirSource implements FhirSource {
  private static final Pattern MAX_RESULTS = Pattern.compile("(?:^|[?&])_maxresults=(\\d+)");

  private final Transport transport;
  private final String base;
  private final String token;
  private final int pages;

  /** {@code token} may be null; it is sent as {@code Authorization: Bearer …} and never printed. */
  public RemoteFhirSource(Transport transport, String baseUrl, String token) {
    this(transport, baseUrl, token, 1);
  }

  /** {@code pages}: how many pages of one search to fetch at most (1: the first page only). */
  public RemoteFhirSource(Transport transport, String baseUrl, String token, int pages) {
    this.transport = transport;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.pages = Math.max(1, pages);
  }

  @Override
  public FhirResponse get(String relativeUrl, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    FhirResponse first = fetch(uri(base + "/" + relativeUrl), timeout);
    if (pages == 1 || !isSearchset(first)) {
      return first;
    }
    Integer max = maxResults(relativeUrl);
    ObjectNode merged = ((ObjectNode) first.body()).deepCopy();
    ArrayNode entries = merged.withArray("entry");
    JsonNode page = first.body();
    int fetched = 1;
    String next = nextLink(page);
    while (next != null && fetched < pages && (max == null || entries.size() < max) && sameServer(next)) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        break;
      }
      FhirResponse r;
      try {
        r = fetch(uri(next), left);
      } catch (IOException e) {
        break; // the pages so far still answer the search; the next link stays for the service
      }
      if (r.status() < 200 || r.status() >= 300 || !isSearchset(r)) {
        break;
      }
      page = r.body();
      page.path("entry").forEach(entries::add);
      fetched++;
      next = nextLink(page);
    }
    boolean truncated = max != null && entries.size() > max;
    while (max != null && entries.size() > max) {
      entries.remove(entries.size() - 1);
    }
    links(merged, first.body(), truncated || (max != null && entries.size() >= max) ? null : next);
    return new FhirResponse(first.status(), merged);
  }

  /**
   * The merged Bundle keeps the first page's {@code self} link and, when pages remain that were
   * not fetched, the last {@code next} link, so a service can carry on with its own token.
   */
  private static void links(ObjectNode merged, JsonNode first, String next) {
    ArrayNode links = merged.arrayNode();
    for (JsonNode l : first.path("link")) {
      if ("self".equals(l.path("relation").asText())) {
        links.add(l);
      }
    }
    if (next != null) {
      ObjectNode n = links.addObject();
      n.put("relation", "next");
      n.put("url", next);
    }
    if (links.isEmpty()) {
      merged.remove("link");
    } else {
      merged.set("link", links);
    }
  }

  private FhirResponse fetch(URI uri, Duration timeout) throws IOException {
    HttpCall call = HttpCall.get(uri, timeout).withHeader("Accept", "application/fhir+json, application/json");
    if (token != null) {
      call = call.withHeader("Authorization", "Bearer " + token);
    }
    HttpResult result = transport.send(call);
    return new FhirResponse(result.status(), parse(result));
  }

  private static URI uri(String text) throws IOException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a valid URL: " + text, e);
    }
  }

  private static boolean isSearchset(FhirResponse r) {
    return r.status() >= 200 && r.status() < 300 && r.body() != null && r.body().isObject()
        && "Bundle".equals(r.resourceType()) && "searchset".equals(r.body().path("type").asText());
  }

  private static String nextLink(JsonNode bundle) {
    for (JsonNode l : bundle.path("link")) {
      if ("next".equals(l.path("relation").asText()) && l.path("url").isTextual()) {
        return l.path("url").asText();
      }
    }
    return null;
  }

  /**
   * A next link is followed only on the FHIR server itself, under its base path: the bearer token
   * goes nowhere else ({@code BASE/../admin} starts like the base but is not under it).
   */
  private boolean sameServer(String link) {
    return (link.startsWith(base + "/") && !UrlText.leavesBase(link.substring(base.length() + 1)))
        || link.startsWith(base + "?");
  }

  private static Integer maxResults(String relativeUrl) {
    Matcher m = MAX_RESULTS.matcher(relativeUrl);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static JsonNode parse(HttpResult result) {
    if (result.body() == null || result.body().length == 0) {
      return null;
    }
    try {
      return Json.parse(result.body(), "the FHIR server's answer");
    } catch (CdsException notJson) {
      return null;
    }
  }

  @Override
  public String describe() {
    return base;
  }
}
