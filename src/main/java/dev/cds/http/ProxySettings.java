package dev.cds.http;

import dev.cds.core.CdsException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which HTTP proxy a request goes through, as curl decides it: an explicit proxy for everything,
 * else {@code HTTPS_PROXY} for https and {@code HTTP_PROXY} for http URLs (lower-case names too),
 * except hosts in {@code NO_PROXY} (exact names, domain suffixes, {@code *}). The JDK's
 * {@code HttpURLConnection} ignores these variables by itself.
 */
public final class ProxySettings {
  public static final ProxySettings NONE = new ProxySettings(null, null, List.of());

  private final URI http;
  private final URI https;
  private final List<String> noProxy;

  private ProxySettings(URI http, URI https, List<String> noProxy) {
    this.http = http;
    this.https = https;
    this.noProxy = noProxy;
  }

  /**
   * @param explicit a proxy URL for every request (wins over the environment), or null
   */
  public static ProxySettings of(Map<String, String> env, String explicit) {
    if (explicit != null) {
      URI p = parse(explicit, "the proxy URL");
      return new ProxySettings(p, p, List.of());
    }
    String httpVar = first(env, "http_proxy", "HTTP_PROXY");
    String httpsVar = first(env, "https_proxy", "HTTPS_PROXY");
    String no = first(env, "no_proxy", "NO_PROXY");
    List<String> skip = new ArrayList<>();
    if (no != null) {
      for (String entry : no.split(",")) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (!e.isEmpty()) {
          skip.add(e);
        }
      }
    }
    return new ProxySettings(httpVar == null ? null : parse(httpVar, "HTTP_PROXY"),
        httpsVar == null ? null : parse(httpsVar, "HTTPS_PROXY"), List.copyOf(skip));
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static URI parse(String url, String what) {
    String u = url.contains("://") ? url : "http://" + url;
    try {
      URI uri = new URI(u);
      if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw CdsException.usage(what + " must be http://host:port (got " + redact(url) + ")");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CdsException.usage(what + " is not a URL: " + redact(url));
    }
  }

  /** The proxy for a target, or null for a direct connection. */
  URI proxyFor(URI target) {
    URI p = "https".equals(target.getScheme()) ? https : http;
    if (p == null || bypassed(target.getHost())) {
      return null;
    }
    return p;
  }

  Proxy proxy(URI proxy) {
    int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port));
  }

  /** {@code Basic …} for a proxy URL with user and password, else null. */
  static String authorization(URI proxy) {
    String userInfo = proxy.getRawUserInfo();
    if (userInfo == null) {
      return null;
    }
    String decoded = java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
  }

  private boolean bypassed(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String e : noProxy) {
      String name = e.replaceFirst(":\\d+$", "");
      if (name.equals("*") || h.equals(name) || h.equals(name.replaceFirst("^\\.", ""))
          || h.endsWith(name.startsWith(".") ? name : "." + name)) {
        return true;
      }
    }
    return false;
  }

  /** A proxy URL with its password hidden, for {@code -v} and messages. */
  public static String redact(String url) {
    return url.replaceAll("(//[^/@:]*):[^/@]*@", "$1:[redacted]@");
  }

  /** Where requests go, for {@code -v}: proxy URLs with credentials redacted. */
  public String describe() {
    if (http == null && https == null) {
      return "no proxy";
    }
    return "proxy http " + (http == null ? "none" : redact(http.toString())) + ", https "
        + (https == null ? "none" : redact(https.toString()))
        + (noProxy.isEmpty() ? "" : ", not for " + String.join(",", noProxy));
  }
}
