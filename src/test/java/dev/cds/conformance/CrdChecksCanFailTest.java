package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Da Vinci CRD checks against a loopback payer that breaks exactly one CRD rule: that check
 * does not pass, the others do; the payer keeping every rule passes them all.
 */
class CrdChecksCanFailTest {
  /** What each fault breaks ("id result" per check that does not pass). */
  static final Map<CrdBreaker.Fault, List<String>> BROKEN = Map.ofEntries(
      Map.entry(CrdBreaker.Fault.IGNORES_GUIDELINE_OFF, List.of("crd:dev-14 fail")),
      Map.entry(CrdBreaker.Fault.IGNORES_COVERAGE_INFO_OFF, List.of("crd:dev-14 fail")),
      Map.entry(CrdBreaker.Fault.UNKNOWN_OPTION_CHANGES_ANSWER, List.of("crd:dev-17 fail")),
      Map.entry(CrdBreaker.Fault.IGNORES_MAX_CARDS, List.of("crd:dev-14 fail")),
      Map.entry(CrdBreaker.Fault.NO_COVERAGE_INFORMATION, List.of("crd:hook-16 fail")),
      Map.entry(CrdBreaker.Fault.FIRST_ORDER_ONLY, List.of("crd:resp-29 fail")),
      Map.entry(CrdBreaker.Fault.CARD_OF_NO_CRD_TYPE, List.of("crd:resp-13 fail")),
      Map.entry(CrdBreaker.Fault.REFUSES_A_DECLARED_VERSION, List.of("crd:dev-2 fail")),
      Map.entry(CrdBreaker.Fault.ACCEPTS_UNKNOWN_VERSION, List.of("crd:hook-13 warn")),
      Map.entry(CrdBreaker.Fault.ACCEPTS_WRONG_TYPE, List.of("crd:hook-13 fail")),
      Map.entry(CrdBreaker.Fault.ACCEPTS_NO_COVERAGE, List.of("crd:hook-13 fail")),
      Map.entry(CrdBreaker.Fault.ACCEPTS_SEVERAL_COVERAGES, List.of("crd:hook-13 fail")),
      Map.entry(CrdBreaker.Fault.COVERAGE_ERRORS_WITHOUT_OUTCOME, List.of("crd:hook-13 fail", "crd:hook-13 fail")),
      Map.entry(CrdBreaker.Fault.REJECTS_UNKNOWN_CONTEXT, List.of("crd:hook-23 fail")),
      Map.entry(CrdBreaker.Fault.MALFORMED_JSON_500, List.of("crd:hook-13 fail")),
      Map.entry(CrdBreaker.Fault.SLOW, List.of("crd:found-2 fail")));

  static Cli.Result test(CrdBreaker server, String... more) {
    List<String> args = new ArrayList<>(List.of("test", server.base(), "--with-feedback", "--repeat", "2",
        "--output", "json"));
    args.addAll(List.of(more));
    return cli().run(args.toArray(String[]::new));
  }

  @Test
  void aPayerKeepingEveryRulePassesEveryCrdCheck() throws Exception {
    try (CrdBreaker server = new CrdBreaker(CrdBreaker.Fault.NONE)) {
      Cli.Result r = test(server);
      JsonNode report = Json.parse(r.out(), "report");
      assertEquals(List.of(), EveryCheckCanFailTest.notPassed(report), r::toString);
      assertEquals(0, r.code(), r::toString);
      assertEquals(List.of("cds-hooks", "crd"), List.of(report.path("suites").get(0).asText(),
          report.path("suites").get(1).asText()), "CRD by itself: the payer advertises it");
      long crd = 0;
      for (JsonNode c : report.path("checks")) {
        if (c.path("area").asText().equals("crd")) {
          crd++;
          assertEquals("pass", c.path("result").asText(), c::toString);
        }
      }
      assertEquals(19, crd, "CRD checks of a payer with two versions and two card-type options");
    }
  }

  @ParameterizedTest
  @EnumSource(value = CrdBreaker.Fault.class, names = {"NONE", "NEEDS_CONFIGURATION"}, mode = EnumSource.Mode.EXCLUDE)
  void breakingOneCrdRuleFailsItsCheck(CrdBreaker.Fault fault) throws Exception {
    List<String> expected = BROKEN.get(fault);
    try (CrdBreaker server = new CrdBreaker(fault)) {
      Cli.Result r = fault == CrdBreaker.Fault.SLOW ? test(server, "--fail-on-p90", "100ms") : test(server);
      assertEquals(expected, EveryCheckCanFailTest.notPassed(Json.parse(r.out(), "report")), r::toString);
      assertEquals(expected.get(0).endsWith("fail") ? 1 : 0, r.code(), r::toString);
    }
  }

  /** The generated request is the one without configuration: requiring it fails both, and whatever sends it. */
  @Test
  void aPayerThatNeedsConfigurationFailsDev15() throws Exception {
    try (CrdBreaker server = new CrdBreaker(CrdBreaker.Fault.NEEDS_CONFIGURATION)) {
      Cli.Result r = test(server);
      List<String> broken = EveryCheckCanFailTest.notPassed(Json.parse(r.out(), "report"));
      assertTrue(broken.contains("crd:dev-15 fail") && broken.contains("hooks:cds-service-response fail"), r::toString);
      assertEquals(1, r.code());
    }
  }

  @Test
  void forcingTheCrdSuiteOnAServiceThatDoesNotAdvertiseItFailsDev1() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, null)) {
      Cli.Result r = cli().run("test", server.base(), "--suite", "crd", "--repeat", "1", "--output", "json");
      assertTrue(EveryCheckCanFailTest.notPassed(Json.parse(r.out(), "report")).contains("crd:dev-1 fail"), r::toString);
      assertEquals(1, r.code());
    }
  }

  @Test
  void theCrdSuiteCanBeSwitchedOff() throws Exception {
    try (CrdBreaker server = new CrdBreaker(CrdBreaker.Fault.REJECTS_UNKNOWN_CONTEXT)) {
      JsonNode report = Json.parse(test(server, "--suite", "cds-hooks").out(), "report");
      assertEquals(1, report.path("suites").size());
      for (JsonNode c : report.path("checks")) {
        assertTrue(c.path("id").asText().startsWith("hooks:"), c::toString);
      }
    }
  }
}
