package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.CdsClient;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpFailure;
import dev.cds.http.HttpResult;
import dev.cds.http.NetworkErrors;
import dev.cds.http.VerboseTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the requests of a conformance run, never more than the plan listed: a check that tries
 * to send one request too many is a bug in cds, not something to let through. Every request
 * becomes an {@link Exchange} for the evidence.
 */
public final class Session {
  /** Sees each request as it goes out, e.g. to redraw a progress line. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (sent, budget, purpose) -> { };

    void sending(int sent, int budget, String purpose);
  }

  /**
   * How a request is authenticated: as the user configured it ({@code --key}, {@code -H}), not
   * at all, or with a given bearer token (forged ones for the security checks).
   *
   * @param token the bearer token, or null
   * @param description what the evidence shows instead of the token
   */
  public record Auth(Kind kind, String token, String description) {
    public enum Kind { CONFIGURED, NONE, BEARER }

    public static final Auth CONFIGURED = new Auth(Kind.CONFIGURED, null, null);
    public static final Auth NONE = new Auth(Kind.NONE, null, "none");

    public static Auth bearer(String token, String description) {
      return new Auth(Kind.BEARER, token, description);
    }
  }

  /** A request and its answer: the evidence, the raw result (null when none came) and the typed failure. */
  public record Sent(Exchange exchange, HttpResult result, HttpFailure failure) {
    public int status() {
      return result == null ? 0 : result.status();
    }

    public boolean answered() {
      return result != null;
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    public JsonNode json() {
      if (result == null || result.body() == null || result.body().length == 0) {
        return null;
      }
      try {
        return Json.parse(result.bodyText(), "response");
      } catch (CdsException notJson) {
        return null;
      }
    }

    /** True when the body is a FHIR OperationOutcome. */
    public boolean operationOutcome() {
      JsonNode n = json();
      return n != null && "OperationOutcome".equals(n.path("resourceType").asText());
    }
  }

  private final CdsClient client;
  private final int budget;
  private final Listener listener;
  private final AtomicInteger sent = new AtomicInteger();

  /** {@code budget}: how many requests the plan listed; one more is refused. */
  public Session(CdsClient client, int budget, Listener listener) {
    this.client = client;
    this.budget = budget;
    this.listener = listener;
  }

  public int sent() {
    return sent.get();
  }

  /** Counts a request sent by other means (a raw socket) against the plan. */
  public void reserve(String purpose) {
    int n = sent.incrementAndGet();
    if (n > budget) {
      throw new IllegalStateException("a check sent more requests than the plan listed (" + budget + "): " + purpose);
    }
    listener.sending(n, budget, purpose);
  }

  public Sent get(URI uri, Auth auth, String purpose) {
    return send(HttpCall.get(uri, client.timeout()), auth, purpose, null);
  }

  public Sent postJson(URI uri, JsonNode body, Auth auth, String purpose) {
    return post(uri, Json.compact(body).getBytes(StandardCharsets.UTF_8), auth, purpose);
  }

  /** POSTs bytes as application/json, whatever they are (malformed JSON on purpose). */
  public Sent post(URI uri, byte[] body, Auth auth, String purpose) {
    return send(HttpCall.postJson(uri, body, client.timeout()), auth, purpose, Excerpts.request(body));
  }

  private Sent send(HttpCall call, Auth auth, String purpose, String requestText) {
    reserve(purpose);
    HttpCall c = authenticated(client.prepare(call), auth);
    String authorization = auth.kind() == Auth.Kind.CONFIGURED ? configured(c) : auth.description();
    long start = System.nanoTime();
    try {
      HttpResult r = client.sendPrepared(c);
      return new Sent(new Exchange(c.method(), c.uri().toString(), authorization, requestText, r.status(),
          r.elapsed().toMillis(), Excerpts.response(r.bodyText()), Map.of(), null), r, null);
    } catch (IOException e) {
      HttpFailure f = NetworkErrors.describe(e, c.uri().toString(), client.timeout());
      return failed(c, authorization, requestText, start, f);
    } catch (HttpFailure f) {
      return failed(c, authorization, requestText, start, f);
    }
  }

  private static Sent failed(HttpCall c, String authorization, String requestText, long start, HttpFailure f) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new Sent(new Exchange(c.method(), c.uri().toString(), authorization, requestText, f.status(), ms, null,
        Map.of(), Excerpts.clean(f.getMessage())), null, f);
  }

  private static HttpCall authenticated(HttpCall c, Auth auth) {
    return switch (auth.kind()) {
      case CONFIGURED -> c;
      case BEARER -> c.withHeader("Authorization", "Bearer " + auth.token());
      case NONE -> {
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> {
          if (!k.equalsIgnoreCase("Authorization")) {
            headers.put(k, v);
          }
        });
        yield new HttpCall(c.method(), c.uri(), headers, c.body(), c.timeout());
      }
    };
  }

  private static String configured(HttpCall c) {
    for (Map.Entry<String, String> h : c.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Authorization")) {
        return VerboseTransport.header(h.getKey(), h.getValue());
      }
    }
    return null;
  }
}
