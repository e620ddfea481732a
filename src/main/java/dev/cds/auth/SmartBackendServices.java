package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.cds.client.Authorizer;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.NetworkErrors;
import dev.cds.http.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.Json;
import dev.cds.core.SafeUrls;
import dev.cds.core.Sanitizer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SMART Backend Services (client_credentials with a private_key_jwt assertion): fetches an access
 * token once, reuses it from the {@link TokenCache} until shortly before it expires, and sends it
 * as the bearer token of every request.
 */
public final class SmartBackendServices implements Authorizer {
  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  /** Below the 5-minute ceiling, leaving room for clocks that disagree. */
  static final Duration ASSERTION_TTL = Duration.ofMinutes(4);

  /**
   * @param tokenUrl the token endpoint, or null to discover it from {@code fhirBase}
   * @param fhirBase the FHIR server whose {@code .well-known/smart-configuration} names the endpoint
   */
  public record Settings(String tokenUrl, String fhirBase, String clientId, String scope, String kid, String jku) {
    public Settings {
      if ((tokenUrl == null) == (fhirBase == null)) {
        throw CdsException.usage("SMART Backend Services needs exactly one of {0} and {1}", Setting.SMART_TOKEN_URL,
            Setting.SMART_DISCOVERY);
      }
      if (clientId == null || clientId.isBlank()) {
        throw CdsException.usage("SMART Backend Services needs {0}", Setting.CLIENT_ID);
      }
      if (scope == null || scope.isBlank()) {
        throw CdsException.usage("SMART Backend Services needs {0}, e.g. {0} 'system/*.rs'", Setting.SCOPE);
      }
      // the client assertion goes wherever this points: never to a file, a jar or an FTP server
      if (tokenUrl != null && !SafeUrls.isHttp(tokenUrl)) {
        throw CdsException.usage("{0} must be the http(s) URL of the token endpoint, not '{1}'", Setting.SMART_TOKEN_URL,
            tokenUrl);
      }
      if (fhirBase != null && !SafeUrls.isHttp(fhirBase)) {
        throw CdsException.usage("{0} must be the http(s) base URL of the FHIR server, not '{1}'",
            Setting.SMART_DISCOVERY, fhirBase);
      }
    }
  }

  private final SigningKey key;
  private final Settings settings;
  private final Transport transport;
  private final Clock clock;
  private final TokenCache cache;
  private final Duration timeout;
  private final Consumer<String> log;
  private String token;
  private Instant expiresAt;

  /**
   * @param cacheDir where tokens are kept between runs ({@code configDir/tokens}), or null for none
   * @param log verbose lines (never containing a secret), or a no-op
   */
  public SmartBackendServices(SigningKey key, Settings settings, Transport transport, Clock clock,
      Path cacheDir, Duration timeout, Consumer<String> log) {
    this.key = key;
    this.settings = settings;
    this.transport = transport;
    this.clock = clock;
    this.cache = cacheDir == null ? null : new TokenCache(cacheDir, clock);
    this.timeout = timeout;
    // discovery names the token endpoint, so a remote party writes parts of these lines
    this.log = line -> log.accept(Sanitizer.line(line));
  }

  @Override
  public Optional<String> authorization(String method, URI uri) {
    return Optional.of("Bearer " + accessToken());
  }

  /** A valid access token: from memory, from the cache, or freshly requested. */
  public synchronized String accessToken() {
    if (token != null && (expiresAt == null || clock.instant().plus(TokenCache.MARGIN).isBefore(expiresAt))) {
      return token;
    }
    String cacheKey = TokenCache.key(
        settings.tokenUrl() != null ? settings.tokenUrl() : "discovery:" + settings.fhirBase(),
        settings.clientId(), settings.scope(), key.thumbprint());
    if (cache != null) {
      Optional<TokenCache.Entry> cached = cache.get(cacheKey);
      if (cached.isPresent()) {
        log.accept("using the cached SMART access token for client " + settings.clientId());
        token = cached.get().token();
        expiresAt = cached.get().expiresAt();
        return token;
      }
    }
    String endpoint = settings.tokenUrl() != null ? settings.tokenUrl() : discoverTokenEndpoint();
    JsonNode answer = requestToken(endpoint);
    token = answer.path("access_token").asText();
    long expiresIn = answer.path("expires_in").asLong(0);
    expiresAt = expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null;
    log.accept("got a SMART access token from " + endpoint
        + (expiresIn > 0 ? " (expires in " + expiresIn + "s)" : ""));
    if (cache != null && expiresAt != null) {
      cache.put(cacheKey, token, expiresAt);
    }
    return token;
  }

  /** The signed client assertion for {@code tokenEndpoint} (iss = sub = client id). */
  String clientAssertion(String tokenEndpoint) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.clientId())
        .subject(settings.clientId())
        .audience(tokenEndpoint)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_TTL)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    return new Jws(key).sign(key.kid(settings.kid()), settings.jku(), claims);
  }

  private String discoverTokenEndpoint() {
    String base = settings.fhirBase().replaceAll("/+$", "");
    String url = base + "/.well-known/smart-configuration";
    HttpResult result = send(HttpCall.get(URI.create(url), timeout), url);
    if (!result.ok() || !result.isJson()) {
      throw CdsException.service("{0} answered HTTP {1}{2}: check {3} (the FHIR base URL) or pass {4}", null, url,
          result.status(), result.ok() ? " without JSON" : "", Setting.SMART_DISCOVERY, Setting.SMART_TOKEN_URL);
    }
    JsonNode config = Json.parse(result.body(), url);
    String endpoint = config.path("token_endpoint").asText(null);
    if (endpoint == null || endpoint.isBlank()) {
      throw CdsException.service("{0} names no token_endpoint: pass {1}", null, url, Setting.SMART_TOKEN_URL);
    }
    if (!SafeUrls.isHttp(endpoint)) {
      throw CdsException.service("{0} names a token_endpoint that is not an http(s) URL ('{1}'): pass {2}", null,
          Sanitizer.line(url), Sanitizer.line(endpoint), Setting.SMART_TOKEN_URL);
    }
    JsonNode methods = config.path("token_endpoint_auth_methods_supported");
    if (methods.isArray() && methods.size() > 0
        && !methods.toString().contains("\"private_key_jwt\"")) {
      throw CdsException.service(Sanitizer.line(url + " does not offer private_key_jwt client authentication"
          + " (it offers " + methods + "): SMART Backend Services is not available there"));
    }
    return endpoint;
  }

  private JsonNode requestToken(String endpoint) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", settings.scope());
    form.put("client_assertion_type", ASSERTION_TYPE);
    form.put("client_assertion", clientAssertion(endpoint));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    HttpCall call = new HttpCall("POST", URI.create(endpoint), headers, formBody(form), timeout);
    log.accept("requesting a SMART access token from " + endpoint + " for client "
        + settings.clientId() + ", scope " + settings.scope());
    HttpResult result = send(call, endpoint);
    JsonNode body = null;
    if (result.body() != null && result.body().length > 0) {
      try {
        body = Json.parse(result.body(), endpoint);
      } catch (CdsException notJson) {
        body = null;
      }
    }
    if (result.ok() && body != null && body.path("access_token").isTextual()) {
      return body;
    }
    if (body != null && body.path("error").isTextual()) {
      String error = body.path("error").asText();
      String description = body.path("error_description").asText("").replaceAll("\\s+", " ").strip();
      throw CdsException.service("token endpoint {0} refused the request: {1}" + hint(error), null,
          Sanitizer.line(endpoint), Sanitizer.line(error + (description.isBlank() ? "" : " (" + description + ")")),
          Setting.CLIENT_ID, Setting.JKU, Setting.SCOPE);
    }
    throw CdsException.service("token endpoint {0} answered HTTP {1}{2}: check {3}", null, Sanitizer.line(endpoint),
        result.status(), result.ok() ? " without an access_token" : " without an OAuth error", Setting.SMART_TOKEN_URL);
  }

  /** What to do about an OAuth error; {2}, {3} and {4} are the client id, JWK Set URL and scope settings. */
  private static String hint(String error) {
    return switch (error) {
      case "invalid_client" -> ": check {2}, and that the server has your public key ('cds keys jwks KEYFILE') or {3}";
      case "invalid_scope" -> ": ask for scopes the client is registered for ({4})";
      case "unauthorized_client" -> ": the client is not allowed client_credentials; check its registration";
      default -> "";
    };
  }

  private HttpResult send(HttpCall call, String url) {
    try {
      return transport.send(call);
    } catch (IOException e) {
      throw NetworkErrors.describe(e, url, timeout);
    }
  }

  private static byte[] formBody(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
