package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cds.core.Json;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How {@code cds serve} writes an answer. Every error status carries an OperationOutcome (CDS
 * Hooks 3.0 asks services for one with any non-2xx answer), so no client ever gets an empty
 * error reply.
 */
final class Replies {
  private Replies() {}

  static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    bytes(ex, status, body == null ? null : Json.compact(body).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code json} null sends no body, except for an error status, which gets a generic OperationOutcome. */
  static void bytes(HttpExchange ex, int status, byte[] json) throws IOException {
    if (json == null && status >= 400) {
      json(ex, status, OperationOutcomes.error("processing", "HTTP " + status));
      return;
    }
    if (json != null) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    boolean head = ex.getRequestMethod().equals("HEAD"); // the status and headers only
    ex.sendResponseHeaders(status, json == null || head ? -1 : json.length);
    if (json != null && !head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(json);
      }
    }
  }

  static void failure(HttpExchange ex, HttpFailure failure) throws IOException {
    failure.headers().forEach(ex.getResponseHeaders()::set);
    json(ex, failure.status(), OperationOutcomes.error(failure.issueCode(), failure.getMessage()));
  }

  /** Whether the status line has gone out: after that, nothing can be answered any more. */
  static boolean sent(HttpExchange ex) {
    return ex.getResponseCode() != -1;
  }
}
