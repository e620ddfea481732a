package dev.cds.prefetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cds.core.Json;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A read-only FHIR server over a {@link ResourceStore}, for {@code cds serve --fhir}: reads, the
 * store's simple searches and {@code metadata}, under whatever context path it is mounted at
 * (e.g. {@code server.createContext("/fhir", new FhirEndpoint(store, "/fhir"))}).
 */
public final class FhirEndpoint implements HttpHandler {
  private final ResourceStore store;
  private final String mount;

  public FhirEndpoint(ResourceStore store, String mount) {
    this.store = store;
    this.mount = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      FhirResponse response;
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        response = new FhirResponse(405, OperationOutcomes.error("not-supported",
            method + " is not allowed: this FHIR endpoint is read-only"));
      } else {
        String path = exchange.getRequestURI().getRawPath();
        String relative = path.length() > mount.length() ? path.substring(mount.length()) : "";
        String query = exchange.getRequestURI().getRawQuery();
        response = relative.isEmpty() || relative.equals("/")
            ? new FhirResponse(404, OperationOutcomes.error("not-found", "ask for metadata, Type/id or Type?search"))
            : store.get(relative + (query == null ? "" : "?" + query));
      }
      byte[] body = Json.compact(response.body()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/fhir+json; charset=utf-8");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(response.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
