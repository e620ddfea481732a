package dev.cds.client;

import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Posts feedback to {@code {base}/cds-services/{id}/feedback}, authenticated like hook calls (the
 * JWT audience is that feedback URL). Any 2xx is success, as the spec leaves the answer open.
 */
public final class FeedbackClient {
  private final Transport transport;
  private final Authorizer authorizer;
  private final Duration timeout;

  public FeedbackClient(Transport transport, Authorizer authorizer, Duration timeout) {
    this.transport = transport;
    this.authorizer = authorizer;
    this.timeout = timeout;
  }

  public static URI feedbackUrl(String base, String serviceId) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    try {
      URI uri = URI.create(trimmed + "/cds-services/" + serviceId + "/feedback");
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CdsException.usage("'" + base + "' is not a base URL: use e.g. https://cds.example.org");
    }
  }

  /**
   * Sends the entries in one request and returns the answer.
   *
   * @throws CdsException exit 4 when the network fails or the service answers other than 2xx
   */
  public HttpResult send(String base, String serviceId, List<Feedback> entries) {
    URI url = feedbackUrl(base, serviceId);
    byte[] body = Json.compact(Feedback.body(entries)).getBytes(StandardCharsets.UTF_8);
    HttpCall call = HttpCall.postJson(url, body, timeout);
    var auth = authorizer.authorization("POST", url);
    if (auth.isPresent()) {
      call = call.withHeader("Authorization", auth.get());
    }
    HttpResult result;
    try {
      result = transport.send(call);
    } catch (IOException e) {
      throw NetworkErrors.describe(e, url.toString(), timeout);
    }
    if (!result.ok()) {
      String answer = result.bodyText().strip();
      int cut = answer.indexOf('\n');
      if (cut < 0 && answer.length() > 200) {
        cut = 200;
      }
      throw CdsException.service("feedback to " + url + " failed: HTTP " + result.status()
          + (answer.isEmpty() ? "" : ": " + (cut > 0 ? answer.substring(0, cut) : answer))
          + (result.status() == 401 ? " (the service rejected the credentials)" : ""));
    }
    return result;
  }
}
