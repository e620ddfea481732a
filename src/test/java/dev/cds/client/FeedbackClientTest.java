package dev.cds.client;

import dev.cds.http.UrlConnectionTransport;
import dev.cds.http.TlsSettings;
import dev.cds.http.HttpResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedbackClientTest {
  private static final Instant T = Instant.parse("2025-01-15T14:02:11.734Z");

  static FeedbackClient client(String base, Authorizer auth) {
    return new FeedbackClient(new CdsClient(new UrlConnectionTransport(TlsSettings.defaults()), Endpoints.of(base), auth,
        java.util.Map.of(), Duration.ofSeconds(5)));
  }

  @Test
  void postsTheFeedbackWithTheAuthorizationForTheFeedbackUrl() {
    try (FeedbackServer server = new FeedbackServer()) {
      Authorizer auth = (method, uri) -> Optional.of("Bearer for " + method + " " + uri);
      FeedbackClient client = client(server.base() + "/", auth);
      HttpResult result = client.send("crd-sign",
          List.of(new Feedback("c1", Feedback.Outcome.accepted, List.of("s1", "s2"), null, null, T)));
      assertEquals(200, result.status());
      FeedbackServer.Received got = server.received().get(0);
      assertEquals("POST", got.method());
      assertEquals("/cds-services/crd-sign/feedback", got.path());
      assertEquals("application/json", got.contentType());
      assertEquals("Bearer for POST " + server.base() + "/cds-services/crd-sign/feedback", got.authorization());
      assertEquals(Json.parse("{\"feedback\":[{\"card\":\"c1\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\"s1\"},{\"id\":\"s2\"}],"
          + "\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}]}", "expected"), Json.parse(got.body(), "body"));
    }
  }

  @Test
  void aServiceErrorIsExitFourWithTheAnswer() {
    try (FeedbackServer server = new FeedbackServer().answer(400, "{\"error\":\"unknown card\"}")) {
      FeedbackClient client = client(server.base(), Authorizer.NONE);
      CdsException e = assertThrows(CdsException.class, () -> client.send("s",
          List.of(new Feedback("c1", Feedback.Outcome.overridden, List.of(), null, "no", T))));
      assertEquals(4, e.exitCode());
      assertTrue(e.getMessage().endsWith("HTTP 400 from " + server.base() + "/cds-services/s/feedback: unknown card"), e.getMessage());
    }
  }

  @Test
  void theBodyFollowsTheSpec() {
    Feedback overridden = new Feedback("c1", Feedback.Outcome.overridden, null,
        new Feedback.Reason("emergency", "http://example.org/override", "Emergency"), "Patient in ED", T);
    assertEquals("{\"card\":\"c1\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"emergency\","
        + "\"system\":\"http://example.org/override\",\"display\":\"Emergency\"},\"userComment\":\"Patient in ED\"},"
        + "\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}", Json.compact(overridden.toJson()));
    assertEquals("{\"card\":\"c1\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}",
        Json.compact(new Feedback("c1", Feedback.Outcome.overridden, null, null, null, T).toJson()));
  }

  @Test
  void refusesWhatTheSpecForbids() {
    assertEquals(2, assertThrows(CdsException.class,
        () -> new Feedback("c1", Feedback.Outcome.accepted, List.of(), null, null, T)).exitCode());
    assertEquals(2, assertThrows(CdsException.class,
        () -> new Feedback("", Feedback.Outcome.overridden, List.of(), null, null, T)).exitCode());
    assertEquals(2, assertThrows(CdsException.class,
        () -> new Feedback("c1", Feedback.Outcome.overridden, List.of("s1"), null, null, T)).exitCode());
    assertEquals(2, assertThrows(CdsException.class,
        () -> new Feedback("c1", Feedback.Outcome.overridden, List.of(), new Feedback.Reason("x", null, null), null, T)).exitCode());
  }
}
