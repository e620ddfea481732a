package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.model.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationTest {
  private static final String NDJSON = Golden.read("render/services.ndjson");

  private static List<ServiceOutcome> live(String text) {
    return Responses.parse(text, "live");
  }

  @Test
  void failOnCountsCardsAtOrAboveTheLevelAcrossServices() {
    List<ServiceOutcome> live = live(NDJSON);
    assertEquals(3, new Expectation(null, null, Indicator.INFO, IgnoreRules.none()).check(live).hits().size());
    assertEquals(2, new Expectation(null, null, Indicator.WARNING, IgnoreRules.none()).check(live).hits().size());
    Expectation.Verdict critical = new Expectation(null, null, Indicator.CRITICAL, IgnoreRules.none()).check(live);
    assertEquals(1, critical.hits().size());
    assertEquals(1, critical.exitCode());
    assertEquals("cds: --fail-on critical: 1 card at critical\n"
        + "  [critical] Warfarin and aspirin: bleeding risk (drug-interactions)\n", critical.report(RenderOptions.plain(80), s -> "--fail-on"));
  }

  @Test
  void failOnPassesWhenOnlyLowerLevelsCameBack() {
    List<ServiceOutcome> live = live("{\"cards\":[{\"summary\":\"fyi\",\"indicator\":\"info\",\"source\":{\"label\":\"x\"}}]}");
    Expectation.Verdict v = new Expectation(null, null, Indicator.WARNING, IgnoreRules.none()).check(live);
    assertTrue(v.passed());
    assertEquals(0, v.exitCode());
    assertEquals("", v.report(RenderOptions.plain(80)));
  }

  @Test
  void failOnLevelIsValidated() {
    assertEquals(Indicator.WARNING, Expectation.level("warning"));
    CdsException e = assertThrows(CdsException.class, () -> Expectation.level("severe"));
    assertEquals(2, e.exitCode());
  }

  @Test
  void expectComparesALiveSingleServiceWithASavedPlainResponse(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("expected.json");
    Files.writeString(saved, Golden.read("render/digest-example.json"));
    ServiceOutcome same = new ServiceOutcome("crd-sign", "order-sign", 200, 31,
        Json.parse(Golden.read("render/digest-example.json").replace("c0ffee00-0000-4000-8000-000000000001", "new-uuid"), "live"), null);
    Expectation expectation = Expectation.of(saved.toString(), null, List.of(), null);
    assertTrue(expectation.check(List.of(same)).passed());

    ServiceOutcome different = new ServiceOutcome("crd-sign", "order-sign", 200, 31,
        Json.parse(Golden.read("render/digest-example.json").replace("\"auth-needed\"", "\"no-auth\""), "live"), null);
    Expectation.Verdict v = expectation.check(List.of(different));
    assertFalse(v.passed());
    assertEquals(1, v.exitCode());
    assertTrue(v.report(RenderOptions.plain(80)).contains("/resource/extension/0/extension/2/valueCode: \"auth-needed\" → \"no-auth\""),
        v.report(RenderOptions.plain(80)));
    assertEquals(false, v.toJson().get("passed").asBoolean());
  }

  @Test
  void expectWithSeveralServicesKeysByServiceId(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("expected.ndjson");
    Files.writeString(saved, NDJSON);
    Expectation expectation = Expectation.of(saved.toString(), "critical", List.of("/cards/*/summary"), null);
    String changed = NDJSON.replace("Coverage active", "Coverage checked");
    Expectation.Verdict v = expectation.check(live(changed));
    assertTrue(v.diff().same(), "summary ignored");
    assertFalse(v.passed(), "a critical card came back");
  }
}
