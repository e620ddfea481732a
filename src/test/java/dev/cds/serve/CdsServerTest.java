package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CdsServerTest {
  static CdsServer server;
  static final UrlConnectionTransport http = new UrlConnectionTransport(TlsSettings.defaults());

  @BeforeAll
  static void start() {
    server = TestServices.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResult post(String path, String body) throws Exception {
    return http.send(HttpCall.postJson(URI.create(server.baseUrl() + path), body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
  }

  @Test
  void malformedJsonIs400WithOperationOutcome() throws Exception {
    HttpResult r = post("/cds-services/patient-view-reminders", "{nope");
    assertEquals(400, r.status());
    assertEquals("OperationOutcome", Json.parse(r.body(), "b").path("resourceType").asText());
  }

  @Test
  void wrongHookIs400() throws Exception {
    HttpResult r = post("/cds-services/patient-view-reminders", "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{}}");
    assertEquals(400, r.status());
    assertTrue(r.bodyText().contains("answers hook patient-view"), r.bodyText());
  }

  @Test
  void unknownServiceIs404() throws Exception {
    assertEquals(404, post("/cds-services/nope", "{}").status());
  }

  @Test
  void feedbackIsAccepted() throws Exception {
    assertEquals(200, post("/cds-services/patient-view-reminders/feedback",
        "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-01-01T00:00:00Z\"}]}").status());
    assertEquals(400, post("/cds-services/patient-view-reminders/feedback", "{}").status());
  }

  @Test
  void rulesMatchContextValues() throws Exception {
    String self = "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Patient/1\",\"patientId\":\"1\"}}";
    assertEquals(0, Json.parse(post("/cds-services/patient-view-reminders", self).body(), "b").path("cards").size());
    String clinician = self.replace("Patient/1", "Practitioner/1");
    assertEquals(2, Json.parse(post("/cds-services/patient-view-reminders", clinician).body(), "b").path("cards").size());
  }
}
