package dev.cds.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Cross-origin access for browser-based CDS clients (a sandbox page calling this service). Any
 * origin may call: the endpoints take a bearer token, never cookies, so a page gains nothing a
 * script outside a browser does not have. Only the CDS endpoints allow it, not {@code /fhir}.
 */
final class Cors {
  private Cors() {}

  /** On every answer of a CDS endpoint, errors included, so a browser lets the page read them. */
  static void allowAnyOrigin(HttpExchange ex) {
    ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
  }

  /** The answer to {@code OPTIONS}: a CORS preflight, or a plain question of what is allowed. */
  static void preflight(HttpExchange ex, String methods) throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Allow", methods);
    h.set("Access-Control-Allow-Methods", methods);
    h.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
    h.set("Access-Control-Max-Age", "600");
    // Chrome asks a public page's permission to reach a loopback or private address this way
    if ("true".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Access-Control-Request-Private-Network"))) {
      h.set("Access-Control-Allow-Private-Network", "true");
    }
    ex.sendResponseHeaders(204, -1);
  }
}
