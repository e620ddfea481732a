package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.Authorizer;
import dev.cds.client.HttpCall;
import dev.cds.client.HttpResult;
import dev.cds.client.NetworkErrors;
import dev.cds.client.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.hooks.Suggestions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET {base}/cds-services} to find one service's hook and prefetch templates.
 * Kept minimal for {@code cds prefetch}; the discovery client of {@code cds discover} supersedes it.
 */
public final class ServiceDirectory {
  /** One discovered service: the parts prefetch needs. */
  public record Service(String id, String hook, JsonNode prefetch) {}

  private final Transport transport;
  private final Authorizer authorizer;

  public ServiceDirectory(Transport transport, Authorizer authorizer) {
    this.transport = transport;
    this.authorizer = authorizer;
  }

  /** The service with that id, or a usage error listing the nearest ids. */
  public Service find(String baseUrl, String id, Duration timeout) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String url = base + "/cds-services";
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw CdsException.usage("invalid --base '" + baseUrl + "': " + e.getMessage());
    }
    HttpCall call = HttpCall.get(uri, timeout);
    var auth = authorizer.authorization("GET", uri);
    if (auth.isPresent()) {
      call = call.withHeader("Authorization", auth.get());
    }
    HttpResult result;
    try {
      result = transport.send(call);
    } catch (IOException e) {
      throw NetworkErrors.describe(e, url, timeout);
    }
    if (!result.ok()) {
      throw CdsException.service("discovery at " + url + " answered HTTP " + result.status() + ": check --base");
    }
    JsonNode doc;
    try {
      doc = Json.parse(result.body(), "the discovery document from " + url);
    } catch (CdsException e) {
      throw CdsException.service(e.getMessage());
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode s : doc.path("services")) {
      String sid = s.path("id").asText();
      if (sid.equals(id)) {
        return new Service(sid, s.path("hook").asText(null), s.get("prefetch"));
      }
      ids.add(sid);
    }
    throw CdsException.usage("no service '" + id + "' at " + url + Suggestions.didYouMean(id, ids)
        + (ids.isEmpty() ? " (it lists none)" : " (it offers " + String.join(", ", ids) + ")"));
  }
}
