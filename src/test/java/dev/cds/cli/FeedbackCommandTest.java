package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.FeedbackServer;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FeedbackCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T08:30:05.250Z"), ZoneId.of("Europe/Paris"));

  @Test
  void acceptedWithSuggestionsAndTheClockTimestamp() {
    try (FeedbackServer server = new FeedbackServer()) {
      Cli.Result r = cli().clock(CLOCK).run("feedback", "--base", server.base(), "--service", "crd-sign",
          "--card", "c0ffee00-1", "--outcome", "accepted", "--suggestion", "s-1", "--output", "pretty");
      assertEquals(0, r.code(), r.toString());
      assertEquals("{\n  \"ok\": true\n}\n", r.out());
      assertTrue(r.err().contains("HTTP 200"), r.err());
      assertEquals(Json.parse("{\"feedback\":[{\"card\":\"c0ffee00-1\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\"s-1\"}],"
          + "\"outcomeTimestamp\":\"2025-03-01T08:30:05Z\"}]}", "x"), Json.parse(server.received().get(0).body(), "body"));
      assertEquals("/cds-services/crd-sign/feedback", server.received().get(0).path());
    }
  }

  @Test
  void overriddenWithReasonCommentAndExplicitTimestampFromTheEnvironmentBase() {
    try (FeedbackServer server = new FeedbackServer().answer(204, "")) {
      Cli.Result r = cli().env("CDS_BASE_URL", server.base()).run("feedback", "--service", "crd-sign", "--card", "c1",
          "--outcome", "overridden", "--reason-code", "emergency", "--reason-system", "http://example.org/o",
          "--reason-display", "Emergency", "--comment", "in the ED", "--timestamp", "2025-01-15T15:02:11+01:00");
      assertEquals(0, r.code(), r.toString());
      assertEquals(Json.parse("{\"service\": \"crd-sign\", \"status\": 204, \"body\": null}", "x"), Json.parse(r.out(), "out"));
      assertEquals(Json.parse("{\"feedback\":[{\"card\":\"c1\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
          + "{\"code\":\"emergency\",\"system\":\"http://example.org/o\",\"display\":\"Emergency\"},\"userComment\":\"in the ED\"},"
          + "\"outcomeTimestamp\":\"2025-01-15T14:02:11Z\"}]}", "x"), Json.parse(server.received().get(0).body(), "body"));
    }
  }

  @Test
  void usageMistakesExitTwoAndSendNothing() {
    try (FeedbackServer server = new FeedbackServer()) {
      String base = server.base();
      assertEquals(2, cli().run("feedback", "--base", base, "--service", "s", "--card", "c", "--outcome", "accepted").code());
      assertEquals(2, cli().run("feedback", "--base", base, "--service", "s", "--card", "c", "--outcome", "maybe").code());
      assertEquals(2, cli().run("feedback", "--base", base, "--service", "s", "--card", "c", "--outcome", "overridden",
          "--timestamp", "yesterday").code());
      assertEquals(2, cli().run("feedback", "--base", base, "--service", "s", "--card", "c", "--outcome", "overridden",
          "--reason-code", "x").code());
      assertEquals(2, cli().run("feedback", "--service", "s", "--card", "c", "--outcome", "overridden").code());
      assertEquals(2, cli().run("feedback", "--base", base, "--service", "s", "--outcome", "overridden").code());
      assertEquals(0, server.received().size());
    }
  }

  @Test
  void networkAndServiceFailuresExitFour() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result refused = cli().run("feedback", "--base", "http://127.0.0.1:" + port, "--service", "s", "--card", "c",
        "--outcome", "overridden");
    assertEquals(4, refused.code(), refused.toString());
    assertTrue(refused.err().startsWith("cds: connection refused"), refused.err());
    try (FeedbackServer server = new FeedbackServer().answer(500, "boom")) {
      Cli.Result failed = cli().run("feedback", "--base", server.base(), "--service", "s", "--card", "c", "--outcome", "overridden");
      assertEquals(4, failed.code(), failed.toString());
      assertTrue(failed.err().contains("HTTP 500 from " + server.base() + "/cds-services/s/feedback: boom"), failed.err());
    }
  }
}
