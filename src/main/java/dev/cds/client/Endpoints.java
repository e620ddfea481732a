package dev.cds.client;

import dev.cds.core.CdsException;
import java.net.URI;

/** The URLs of a CDS server, from a base URL as users type it (trailing slash or {@code /cds-services} tolerated). */
public record Endpoints(String base) {
  public static Endpoints of(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw CdsException.usage("no base URL: pass --base URL, set CDS_BASE_URL, or put base = URL in a profile");
    }
    String b = baseUrl.trim().replaceAll("/+$", "");
    if (b.endsWith("/cds-services")) {
      b = b.substring(0, b.length() - "/cds-services".length());
    }
    URI uri;
    try {
      uri = URI.create(b);
    } catch (IllegalArgumentException e) {
      throw CdsException.usage("invalid base URL '" + baseUrl + "': " + e.getMessage());
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw CdsException.usage("invalid base URL '" + baseUrl + "': expected http(s)://host[:port][/path]");
    }
    return new Endpoints(b);
  }

  public URI discovery() {
    return URI.create(base + "/cds-services");
  }

  public URI service(String id) {
    return URI.create(base + "/cds-services/" + encode(id));
  }

  public URI feedback(String id) {
    return URI.create(base + "/cds-services/" + encode(id) + "/feedback");
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
