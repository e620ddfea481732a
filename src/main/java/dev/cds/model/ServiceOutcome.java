package dev.cds.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;

/**
 * What one service answered to one hook call. Several services print as ndjson, one line each:
 * {@code {"service": id, "hook": h, "status": 200, "elapsedMs": 12, "body": {…}}} with
 * {@code "error": "…"} instead of (or beside) {@code body} when the call failed.
 *
 * @param status the HTTP status, or 0 when no response came back (connection, timeout, TLS)
 * @param body the parsed JSON response, or null
 * @param error one line describing the failure, or null on success
 */
public record ServiceOutcome(String service, String hook, int status, long elapsedMillis, JsonNode body, String error) {

  public boolean failed() {
    return error != null;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("service", service);
    if (hook != null) {
      n.put("hook", hook);
    }
    n.put("status", status);
    n.put("elapsedMs", elapsedMillis);
    if (body != null) {
      n.set("body", body);
    }
    if (error != null) {
      n.put("error", error);
    }
    return n;
  }

  /** Reads one ndjson line back (for {@code cds diff} and {@code --expect}). */
  public static ServiceOutcome fromJson(JsonNode n) {
    return new ServiceOutcome(
        n.path("service").asText(null),
        n.path("hook").asText(null),
        n.path("status").asInt(),
        n.path("elapsedMs").asLong(),
        n.has("body") ? n.get("body") : null,
        n.path("error").asText(null));
  }
}
