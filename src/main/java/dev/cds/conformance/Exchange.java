package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One request a check sent and what came back, as evidence: never a secret (tokens are described,
 * not shown; access tokens in bodies are redacted) and never raw remote text (excerpts are
 * sanitised and cut).
 *
 * @param authorization how the request was authenticated, e.g. "Bearer [JWT: alg none]", or null
 * @param request what was sent, in words or as a redacted excerpt of the body; null for none
 * @param status the HTTP status, or 0 when no answer came back
 * @param response an excerpt of the answer's body, or null when it was empty
 * @param headers response headers the check judged (CORS), else empty
 * @param failure why no usable answer came back (refused, timeout, TLS), or null
 */
public record Exchange(String method, String url, String authorization, String request, int status, long elapsedMillis,
    String response, Map<String, String> headers, String failure) {

  public Exchange {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** "POST http://…/cds-services/x" */
  public String line() {
    return method + " " + url;
  }

  /** "400 in 12 ms" or the failure. */
  public String answer() {
    return failure != null && status == 0 ? failure : "HTTP " + status + " in " + elapsedMillis + " ms";
  }

  public ObjectNode toJson() {
    ObjectNode n = dev.cds.core.Json.object();
    n.put("method", method);
    n.put("url", url);
    if (authorization != null) {
      n.put("authorization", authorization);
    }
    if (request != null) {
      n.put("request", request);
    }
    n.put("status", status);
    n.put("elapsedMs", elapsedMillis);
    if (response != null) {
      n.put("response", response);
    }
    if (!headers.isEmpty()) {
      ObjectNode h = n.putObject("headers");
      new java.util.TreeMap<>(headers).forEach(h::put);
    }
    if (failure != null) {
      n.put("failure", failure);
    }
    return n;
  }
}
