package dev.cds.client;

import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URLs of a CDS server, from a base URL as users type it (trailing slash or {@code /cds-services} tolerated). */
public record Endpoints(String base) {
  public static Endpoints of(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw CdsException.usage("no base URL: pass {0} URL, set CDS_BASE_URL, or put base = URL in a profile", Setting.BASE);
    }
    String b = baseUrl.trim().replaceAll("/+$", "");
    if (b.endsWith("/cds-services")) {
      b = b.substring(0, b.length() - "/cds-services".length());
    }
    if (!b.contains("://")) {
      throw CdsException.usage("the base URL '" + baseUrl + "' has no scheme: write http://" + b + " or https://" + b);
    }
    URI uri;
    try {
      uri = new URI(b);
    } catch (URISyntaxException e) {
      throw CdsException.usage("invalid base URL '" + baseUrl + "': " + e.getReason()
          + " at character " + (e.getIndex() + 1) + "; expected http(s)://host[:port][/path]");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw CdsException.usage("invalid base URL '" + baseUrl + "': expected http(s)://host[:port][/path]");
    }
    if (uri.getRawUserInfo() != null) {
      // it would be logged by -v and copied into every JWT's aud
      throw CdsException.usage("the base URL carries a user name or password: remove 'user:pass@' and authenticate"
          + " with {0} (CDS Hooks JWT) or -H 'Authorization: …'", Setting.KEY);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw CdsException.usage("the base URL '" + baseUrl + "' has a query or fragment: give only http(s)://host[:port][/path]");
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

  /**
   * A service id as one path segment. {@code .} and {@code ..} would be removed as dot segments
   * by any server (steering the call to another path), so they are percent-encoded.
   */
  static String encode(String id) {
    if (id.equals(".") || id.equals("..")) {
      return id.replace(".", "%2E");
    }
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
