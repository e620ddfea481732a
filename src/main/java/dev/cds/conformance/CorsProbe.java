package dev.cds.conformance;

import dev.cds.http.NetworkErrors;
import dev.cds.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CORS preflight a browser-based CDS client (a sandbox page) sends before it POSTs a hook:
 * {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-*}. The service should
 * allow the origin, POST, and the Authorization and Content-Type headers.
 */
final class CorsProbe implements Probe {
  static final String ID = "hooks:cross-origin-resource-sharing";
  /** The CDS Hooks sandbox: the browser client services are most often opened to. */
  static final String ORIGIN = "https://sandbox.cds-hooks.org";

  private final URI uri;
  private final String method;
  private final TlsSettings tls;
  private final boolean proxied;
  private final Duration timeout;
  private final Check check = Check.of(ID, Level.SHOULD, Area.DISCOVERY, null,
      "a CORS preflight is allowed",
      "CDS Hooks, Cross-Origin Resource Sharing: \"CDS Services and browser-based CDS Clients will require CORS support\"");

  /**
   * @param uri a service URL (POST) or, with no service, the discovery URL (GET)
   * @param proxied whether the run reaches {@code uri} through a proxy, which the raw preflight cannot use
   */
  CorsProbe(URI uri, String method, TlsSettings tls, boolean proxied, Duration timeout) {
    this.uri = uri;
    this.method = method;
    this.tls = tls;
    this.proxied = proxied;
    this.timeout = timeout;
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  @Override
  public List<PlannedRequest> plan() {
    return proxied ? List.of() : List.of(new PlannedRequest("OPTIONS", uri.toString(), "CORS preflight for a " + method + " from " + ORIGIN));
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (proxied) {
      return List.of(check.skip("the run goes through a proxy, and the preflight is sent on a socket of its own"));
    }
    session.reserve(check.title());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Origin", ORIGIN);
    headers.put("Access-Control-Request-Method", method);
    headers.put("Access-Control-Request-Headers", "authorization, content-type");
    String sent = "Origin: " + ORIGIN + ", Access-Control-Request-Method: " + method
        + ", Access-Control-Request-Headers: authorization, content-type";
    RawHttp.Head head;
    try {
      head = RawHttp.exchange("OPTIONS", uri, headers, tls, timeout);
    } catch (IOException e) {
      String failure = Excerpts.clean(NetworkErrors.describe(e, uri.toString(), timeout).getMessage());
      return List.of(check.error("no answer: " + failure)
          .with(new Exchange("OPTIONS", uri.toString(), null, sent, 0, 0, null, Map.of(), failure)));
    }
    Map<String, String> cors = new LinkedHashMap<>();
    head.headers().forEach((k, v) -> {
      if (k.startsWith("access-control-") || k.equals("allow")) {
        cors.put(k, Excerpts.clean(v));
      }
    });
    Exchange exchange = new Exchange("OPTIONS", uri.toString(), null, sent, head.status(), head.elapsedMillis(), null,
        cors, null);
    List<String> missing = missing(head);
    CheckResult r = head.status() / 100 != 2 ? check.notMet("expected a 2xx answer to the preflight, got HTTP " + head.status())
        : missing.isEmpty() ? check.pass("HTTP " + head.status() + ", allows " + ORIGIN + ", " + method
            + ", Authorization and Content-Type")
        : check.notMet(String.join("; ", missing));
    return List.of(r.with(exchange));
  }

  private List<String> missing(RawHttp.Head head) {
    List<String> out = new ArrayList<>();
    String origin = head.headers().get("access-control-allow-origin");
    if (origin == null || !(origin.equals("*") || origin.equals(ORIGIN))) {
      out.add(origin == null ? "no Access-Control-Allow-Origin" : "Access-Control-Allow-Origin is " + origin + ", not "
          + ORIGIN + " or *");
    }
    if (!lists(head.headers().get("access-control-allow-methods"), method, true)) {
      out.add("Access-Control-Allow-Methods does not allow " + method);
    }
    String allowed = head.headers().get("access-control-allow-headers");
    // a wildcard never covers Authorization (Fetch standard): it has to be named
    if (!lists(allowed, "authorization", false)) {
      out.add("Access-Control-Allow-Headers does not name Authorization");
    }
    if (!lists(allowed, "content-type", true)) {
      out.add("Access-Control-Allow-Headers does not allow Content-Type");
    }
    return out;
  }

  private static boolean lists(String header, String value, boolean wildcard) {
    if (header == null) {
      return false;
    }
    for (String part : header.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.equals(value.toLowerCase(Locale.ROOT)) || (wildcard && p.equals("*"))) {
        return true;
      }
    }
    return false;
  }
}
