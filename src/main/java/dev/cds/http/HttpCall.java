package dev.cds.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as cds sends it. Header names keep their order for {@code --verbose}. */
public record HttpCall(
    String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

  public static HttpCall get(URI uri, Duration timeout) {
    return new HttpCall("GET", uri, jsonHeaders(), null, timeout);
  }

  public static HttpCall postJson(URI uri, byte[] body, Duration timeout) {
    Map<String, String> headers = jsonHeaders();
    headers.put("Content-Type", "application/json");
    return new HttpCall("POST", uri, headers, body, timeout);
  }

  private static Map<String, String> jsonHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    return headers;
  }

  /** A copy with one more header (later values replace earlier ones, case-insensitively). */
  public HttpCall withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(name)) {
        copy.put(k, v);
      }
    });
    copy.put(name, value);
    return new HttpCall(method, uri, copy, body, timeout);
  }
}
