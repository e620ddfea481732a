package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import dev.cds.serve.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds test} against {@code cds serve} of the example services: every check passes. */
class TestCommandTest {
  static final String ISS = "https://ehr.example";

  @TempDir Path tmp;

  /** "id result: reason" of every check that did not pass, skips excepted. */
  static List<String> notPassed(JsonNode report, List<String> allowedSkips) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : report.path("checks")) {
      String result = c.path("result").asText();
      if (!result.equals("pass") && !(result.equals("skip") && allowedSkips.contains(c.path("id").asText()))) {
        out.add(c.path("id").asText() + " " + c.path("service").asText("") + " " + result + ": "
            + c.path("reason").asText());
      }
    }
    return out;
  }

  @Test
  void theExampleServicesPassEveryCheck() {
    try (CdsServer server = TestServices.start()) {
      Cli.Result r = cli().run("test", server.baseUrl(), "--with-feedback", "--repeat", "3", "--output", "json");
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(), notPassed(report, List.of("hooks:security-and-safety.tls",
          "hooks:trusting-cds-clients.valid-jwt", "hooks:trusting-cds-clients", "hooks:trusting-cds-clients.aud",
          "hooks:trusting-cds-clients.exp", "hooks:jwt-signing-algorithm", "hooks:trusting-cds-clients.signature",
          "hooks:trusting-cds-clients.jti")), r::toString);
      assertEquals(0, r.code(), r::toString);
      assertTrue(report.path("checks").size() > 20, r::toString);
    }
  }

  @Test
  void theExampleServicesBehindTheJwtGatePassTheSecurityChecks() {
    Path keys = tmp.resolve("keys");
    assertEquals(0, cli().run("keys", "generate", "--out", keys.toString()).code());
    CdsServer server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services")), null, Clock.systemUTC());
    server.gate(JwtGate.of(keys.resolve("jwks.json").toString(), ISS, Clock.systemUTC(),
        new java.io.PrintWriter(new java.io.StringWriter(), true)));
    try (server) {
      server.start("127.0.0.1", 0, 2);
      Cli.Result r = cli().configDir(tmp).run("test", server.baseUrl(), "--key",
          keys.resolve("private-key.pem").toString(), "--iss", ISS, "--repeat", "1", "--output", "json");
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(), notPassed(report, List.of("hooks:security-and-safety.tls", "hooks:feedback")), r::toString);
      assertEquals(0, r.code(), r::toString);
    }
  }

  @Test
  void theExampleCrdPayerPassesEveryCheck() {
    CdsServer server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services/crd")), null, Clock.systemUTC());
    try (server) {
      server.start("127.0.0.1", 0, 2);
      // the payer wants an access token for the EHR's FHIR server (fhirAuthorization) in every call
      Cli.Result r = cli().run("test", server.baseUrl(), "--fhir-server", "http://ehr.example/fhir", "--fhir-token",
          "token-for-the-payer", "--fhir-data", "examples/fhir/ehr.json", "--with-feedback", "--repeat", "2",
          "--output", "json");
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(), notPassed(report, List.of("hooks:security-and-safety.tls",
          "hooks:trusting-cds-clients.valid-jwt", "hooks:trusting-cds-clients", "hooks:trusting-cds-clients.aud",
          "hooks:trusting-cds-clients.exp", "hooks:jwt-signing-algorithm", "hooks:trusting-cds-clients.signature",
          "hooks:trusting-cds-clients.jti")), r::toString);
      assertEquals(0, r.code(), r::toString);
      assertEquals("crd", report.path("suites").get(1).asText());
      long crd = 0;
      for (JsonNode c : report.path("checks")) {
        crd += c.path("area").asText().equals("crd") ? 1 : 0;
      }
      assertTrue(crd >= 50, crd + " CRD checks over the three services");
    }
  }

  @Test
  void helpHasExamplesAndTheOptions() {
    Cli.Result r = cli().run("test", "--help");
    assertEquals(0, r.code(), r::toString);
    for (String option : List.of("--suite", "--spec", "--junit", "--repeat", "--fail-on-p90", "--strict",
        "--with-feedback", "--dry-run", "--key", "--fhir-server", "--fhir-data")) {
      assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
    }
    assertTrue(r.out().contains("Examples:"), r::toString);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertEquals(2, cli().run("test", "http://127.0.0.1:9", "--suite", "dtr").code());
    assertEquals(2, cli().run("test", "http://127.0.0.1:9", "--repeat", "-1").code());
    assertEquals(2, cli().run("test", "http://127.0.0.1:9", "--dry-run", "--junit", "x.xml").code());
  }
}
