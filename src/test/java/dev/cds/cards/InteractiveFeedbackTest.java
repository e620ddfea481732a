package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.Authorizer;
import dev.cds.client.CdsClient;
import dev.cds.client.Endpoints;
import dev.cds.client.FeedbackClient;
import dev.cds.client.FeedbackServer;
import dev.cds.model.ServiceOutcome;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The interactive flow, typed through a JLine dumb terminal into a loopback feedback endpoint. */
class InteractiveFeedbackTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T14:02:11Z"), ZoneOffset.UTC);

  private record Session(int sent, String screen) {}

  private static Session run(FeedbackServer server, List<ServiceOutcome> outcomes, String typed) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    FeedbackClient client = new FeedbackClient(new CdsClient(new UrlConnectionTransport(TlsSettings.defaults()),
        Endpoints.of(server.base()), Authorizer.NONE, java.util.Map.of(), Duration.ofSeconds(5)));
    try (Terminal terminal = new DumbTerminal("test", "dumb",
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
      int sent = new InteractiveFeedback(terminal, client::send, CLOCK, "crd-sign")
          .run(outcomes);
      return new Session(sent, screen.toString(StandardCharsets.UTF_8));
    }
  }

  private static List<ServiceOutcome> full() {
    return List.of(new ServiceOutcome("crd-sign", "order-sign", 200, 10, Json.parse(Golden.read("render/full.json"), "full"), null));
  }

  @Test
  void acceptAndOverrideInOneSession() throws Exception {
    try (FeedbackServer server = new FeedbackServer()) {
      // card 1 (critical, display order) accept suggestion 2; card 1 again: override with reason 1 and a comment; then finish
      Session s = run(server, full(), "1\na\n2\n1\no\n1\nAuthorized by phone\n\n");
      assertEquals(2, s.sent(), s.screen());
      assertEquals(2, server.received().size());
      assertEquals(Json.parse("{\"feedback\":[{\"card\":\"22222222-0000-4000-8000-000000000002\",\"outcome\":\"accepted\","
          + "\"acceptedSuggestions\":[{\"id\":\"22222222-0000-4000-8000-0000000000a2\"}],\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}]}", "x"),
          Json.parse(server.received().get(0).body(), "first"));
      assertEquals(Json.parse("{\"feedback\":[{\"card\":\"22222222-0000-4000-8000-000000000002\",\"outcome\":\"overridden\","
          + "\"overrideReason\":{\"reason\":{\"code\":\"already-authorized\",\"system\":\"http://example.org/override\","
          + "\"display\":\"Already authorized by phone\"},\"userComment\":\"Authorized by phone\"},"
          + "\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}]}", "x"), Json.parse(server.received().get(1).body(), "second"));
      assertEquals("/cds-services/crd-sign/feedback", server.received().get(0).path());
      assertTrue(s.screen().contains("1. [critical] \"Prior authorization required"), s.screen());
      assertTrue(s.screen().contains("Feedback sent to crd-sign: HTTP 200"), s.screen());
      assertTrue(s.screen().contains("\"ok\" : true") || s.screen().contains("\"ok\": true"), s.screen());
    }
  }

  @Test
  void anyAllowsSeveralSuggestionsAndBadNumbersAskAgain() throws Exception {
    try (FeedbackServer server = new FeedbackServer()) {
      Session s = run(server, full(), "9\n2\na\n1, 2\n");
      assertEquals(1, s.sent(), s.screen());
      assertTrue(s.screen().contains("Pick a number from 1 to 3."), s.screen());
      assertEquals(2, Json.parse(server.received().get(0).body(), "b").at("/feedback/0/acceptedSuggestions").size());
    }
  }

  @Test
  void aServiceErrorIsShownAndTheSessionGoesOn() throws Exception {
    try (FeedbackServer server = new FeedbackServer().answer(500, "down")) {
      Session s = run(server, full(), "3\n\n\n");
      assertEquals(0, s.sent());
      assertTrue(s.screen().contains("This card has no suggestion with a uuid: you can override it."), s.screen());
      assertTrue(s.screen().contains("cds: feedback failed: HTTP 500 from " + server.base() + "/cds-services/crd-sign/feedback: down"), s.screen());
    }
  }

  @Test
  void cardsWithoutUuidOfferNothing() throws Exception {
    try (FeedbackServer server = new FeedbackServer()) {
      Session s = run(server, List.of(Responses.plain(Json.parse("{\"cards\":[{\"summary\":\"x\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}]}", "r"))), "1\n");
      assertEquals(0, s.sent());
      assertTrue(s.screen().contains("No card has a uuid"), s.screen());
    }
  }
}
