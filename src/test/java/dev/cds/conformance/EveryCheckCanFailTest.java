package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each check against a loopback service that breaks exactly its rule: that check, and only that
 * check, does not pass; against the same service keeping every rule, all pass.
 */
class EveryCheckCanFailTest {
  static final String ISS = "https://ehr.example";

  /** The check each fault breaks, and how: fail for a SHALL, warn for a SHOULD or MAY. */
  static final Map<RuleBreaker.Fault, String> BROKEN = Map.ofEntries(
      Map.entry(RuleBreaker.Fault.DISCOVERY_STATUS, "hooks:discovery fail"),
      Map.entry(RuleBreaker.Fault.DISCOVERY_INVALID, "hooks:discovery.response fail"),
      Map.entry(RuleBreaker.Fault.TEMPLATE_INVALID, "hooks:prefetch-template fail"),
      Map.entry(RuleBreaker.Fault.TEMPLATE_RESTRICTED, "hooks:prefetch-query-restrictions warn"),
      Map.entry(RuleBreaker.Fault.NO_CORS, "hooks:cross-origin-resource-sharing warn"),
      Map.entry(RuleBreaker.Fault.UNKNOWN_ID_ANSWERED, "hooks:calling-a-cds-service.unknown-id warn"),
      Map.entry(RuleBreaker.Fault.MALFORMED_JSON_500, "hooks:calling-a-cds-service.malformed-json warn"),
      Map.entry(RuleBreaker.Fault.WRONG_HOOK_ANSWERED, "hooks:calling-a-cds-service.wrong-hook warn"),
      Map.entry(RuleBreaker.Fault.MISSING_PREFETCH_500, "hooks:prefetch-template.412 fail"),
      Map.entry(RuleBreaker.Fault.INVALID_RESPONSE, "hooks:cds-service-response fail"),
      Map.entry(RuleBreaker.Fault.NO_FEEDBACK, "hooks:feedback warn"),
      Map.entry(RuleBreaker.Fault.SLOW, "hooks:response-time warn"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_NO_JWT, "hooks:trusting-cds-clients warn"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_OTHER_AUDIENCE, "hooks:trusting-cds-clients.aud fail"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_EXPIRED, "hooks:trusting-cds-clients.exp fail"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_ALG_NONE, "hooks:jwt-signing-algorithm fail"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_UNKNOWN_KEY, "hooks:trusting-cds-clients.signature fail"),
      Map.entry(RuleBreaker.Fault.ACCEPTS_REPLAY, "hooks:trusting-cds-clients.jti warn"));

  @TempDir static Path dir;
  static Path keyFile;
  static ECPublicKey trusted;

  @BeforeAll
  static void key() {
    SigningKey key = SigningKey.generate("ES384");
    keyFile = dir.resolve("ehr.pem");
    KeyFiles.writePrivate(key, keyFile, true);
    trusted = (ECPublicKey) key.publicKey();
  }

  static Cli.Result test(RuleBreaker server, String... more) {
    List<String> args = new ArrayList<>(List.of("test", server.base(), "--key", keyFile.toString(), "--iss", ISS,
        "--with-feedback", "--repeat", "2", "--output", "json"));
    args.addAll(List.of(more));
    return cli().configDir(dir).run(args.toArray(String[]::new));
  }

  /** "id result" for every check that did not pass or skip. */
  static List<String> notPassed(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : report.path("checks")) {
      String result = c.path("result").asText();
      if (!result.equals("pass") && !result.equals("skip")) {
        out.add(c.path("id").asText() + " " + result);
      }
    }
    return out;
  }

  @Test
  void aServiceKeepingEveryRulePassesEveryCheck() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, trusted)) {
      Cli.Result r = test(server);
      assertEquals(0, r.code(), r::toString);
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(), notPassed(report), r::toString);
      List<String> skipped = new ArrayList<>();
      report.path("checks").forEach(c -> {
        if (c.path("result").asText().equals("skip")) {
          skipped.add(c.path("id").asText());
        }
      });
      assertEquals(List.of("hooks:security-and-safety.tls"), skipped, "only TLS, the URL being http");
      assertEquals(server.requests.get(), report.path("requests").asInt(), "every request sent is counted");
    }
  }

  @ParameterizedTest
  @EnumSource(value = RuleBreaker.Fault.class, names = {"NONE", "REFUSES_VALID_JWT", "ERRORS_WITHOUT_OUTCOME"}, mode = EnumSource.Mode.EXCLUDE)
  void breakingOneRuleFailsExactlyItsCheck(RuleBreaker.Fault fault) throws Exception {
    String expected = BROKEN.get(fault);
    try (RuleBreaker server = new RuleBreaker(fault, trusted)) {
      Cli.Result r = fault == RuleBreaker.Fault.SLOW ? test(server, "--fail-on-p90", "100ms") : test(server);
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(expected), notPassed(report), r::toString);
      assertEquals(expected.endsWith("fail") ? 1 : 0, r.code(), "a SHALL fails the run, a SHOULD or MAY does not");
    }
  }

  @Test
  void underCdsHooks30ErrorsCarryAnOperationOutcome() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, trusted)) {
      Cli.Result r = test(server, "--spec", "3.0");
      assertEquals(List.of(), notPassed(Json.parse(r.out(), "report")), r::toString);
      assertEquals("3.0", Json.parse(r.out(), "report").path("spec").asText());
    }
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.ERRORS_WITHOUT_OUTCOME, trusted)) {
      assertEquals(List.of(), notPassed(Json.parse(test(server).out(), "report")), "2.0 does not ask for one");
      Cli.Result r = test(server, "--spec", "3.0");
      assertEquals(List.of("hooks:calling-a-cds-service.malformed-json warn", "hooks:calling-a-cds-service.wrong-hook warn"),
          notPassed(Json.parse(r.out(), "report")), r::toString);
    }
  }

  @Test
  void warningsFailTheRunWhenStrict() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NO_CORS, trusted)) {
      assertEquals(1, test(server, "--strict").code());
    }
  }

  @Test
  void aServiceThatRefusesTheValidTokenFailsThatCheckAndSkipsTheForgedOnes() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.REFUSES_VALID_JWT, trusted)) {
      Cli.Result r = test(server);
      assertEquals(1, r.code(), r::toString);
      JsonNode report = Json.parse(r.out(), "report");
      for (JsonNode c : report.path("checks")) {
        String id = c.path("id").asText();
        if (id.equals("hooks:trusting-cds-clients.valid-jwt")) {
          assertEquals("fail", c.path("result").asText());
          assertTrue(c.path("reason").asText().contains("does the service trust this key"), c::toString);
        } else if (c.path("area").asText().equals("security") && !id.endsWith(".tls")) {
          assertEquals("skip", c.path("result").asText(), c::toString);
        }
      }
    }
  }
}
