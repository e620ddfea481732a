package dev.cds.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A received HTTP response; header names are lower case. */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body, Duration elapsed) {

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** application/json, text/json, application/fhir+json and their charset variants. */
  public boolean isJson() {
    String type = header("content-type");
    if (type == null) {
      return false;
    }
    String base = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
  }
}
