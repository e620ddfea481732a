package dev.cds.client;

import dev.cds.http.ResponseErrors;
import dev.cds.http.HttpResult;
import dev.cds.http.HttpCall;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Posts feedback to {@code {base}/cds-services/{id}/feedback} through a {@link CdsClient}, so it
 * is authenticated like hook calls (the JWT audience is that feedback URL) and carries the same
 * extra headers. Any 2xx is success, as the spec leaves the answer open.
 */
public final class FeedbackClient {
  private final CdsClient client;

  public FeedbackClient(CdsClient client) {
    this.client = client;
  }

  public URI url(String serviceId) {
    return client.endpoints().feedback(serviceId);
  }

  /**
   * Sends the entries in one request and returns the answer.
   *
   * @throws CdsException exit 4 when the network fails or the service answers other than 2xx
   */
  public HttpResult send(String serviceId, List<Feedback> entries) {
    URI url = url(serviceId);
    byte[] body = Json.compact(Feedback.body(entries)).getBytes(StandardCharsets.UTF_8);
    HttpResult result = client.send(HttpCall.postJson(url, body, client.timeout()));
    if (!result.ok()) {
      throw CdsException.service("feedback failed: " + ResponseErrors.describe(result, url.toString()));
    }
    return result;
  }
}
