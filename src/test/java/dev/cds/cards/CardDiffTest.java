package dev.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.DiffResult.ItemDiff;
import dev.cds.cards.DiffResult.Kind;
import dev.cds.model.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CardDiffTest {
  private final ObjectNode base = (ObjectNode) Json.parse(Golden.read("render/full.json"), "full.json");

  private DiffResult diff(Consumer<ObjectNode> change, String... ignore) {
    ObjectNode other = base.deepCopy();
    change.accept(other);
    return new CardDiff(IgnoreRules.of(List.of(ignore)))
        .compare(List.of(Responses.plain(base)), List.of(Responses.plain(other)));
  }

  private static ArrayNode cards(ObjectNode response) {
    return (ArrayNode) response.get("cards");
  }

  private static ObjectNode card(ObjectNode response, int i) {
    return (ObjectNode) response.get("cards").get(i);
  }

  private static List<ItemDiff> cardDiffs(DiffResult r) {
    return r.services().get(0).cards();
  }

  @Test
  void identicalResponsesAreTheSame() {
    DiffResult r = diff(x -> {});
    assertTrue(r.same());
    assertEquals("No differences.\n", new DiffReport(RenderOptions.plain(80)).text(r));
  }

  @Test
  void reorderingCardsAndActionsIsNotADifference() {
    DiffResult r = diff(x -> {
      JsonNode first = cards(x).remove(0);
      cards(x).add(first);
      JsonNode action = ((ArrayNode) x.get("systemActions")).remove(0);
      ((ArrayNode) x.get("systemActions")).add(action);
    });
    assertTrue(r.same(), () -> new DiffReport(RenderOptions.plain(80)).text(r));
  }

  @Test
  void uuidsAreIgnored() {
    DiffResult r = diff(x -> {
      card(x, 1).put("uuid", "ffffffff-0000-4000-8000-000000000000");
      ((ObjectNode) card(x, 1).get("suggestions").get(0)).put("uuid", "eeeeeeee-0000-4000-8000-000000000000");
      card(x, 0).remove("uuid");
    });
    assertTrue(r.same());
  }

  @Test
  void aChangedSummaryIsAChangeOfThatCardNotARemovalAndAnAddition() {
    DiffResult r = diff(x -> card(x, 2).put("summary", "Patient has a documented iodine contrast allergy"));
    assertFalse(r.same());
    ItemDiff d = cardDiffs(r).get(0);
    assertEquals(Kind.CHANGED, d.kind());
    assertEquals(1, cardDiffs(r).size());
    assertEquals("/summary", d.changes().get(0).path());
    assertEquals("Patient has a documented contrast allergy", d.changes().get(0).oldValue().asText());
    Golden.check("diff/summary-changed.txt", new DiffReport(RenderOptions.plain(80)).text(r));
  }

  @Test
  void aRemovedCardIsReported() {
    DiffResult r = diff(x -> cards(x).remove(0));
    assertEquals(List.of(Kind.REMOVED), cardDiffs(r).stream().map(ItemDiff::kind).toList());
    assertEquals("Ibuprofen duplicates an active NSAID order", cardDiffs(r).get(0).oldItem().get("summary").asText());
    Golden.check("diff/card-removed.txt", new DiffReport(RenderOptions.plain(80)).text(r));
  }

  @Test
  void anUnrelatedNewCardIsAnAddition() {
    DiffResult r = diff(x -> cards(x).addObject().put("summary", "Flu shot due").put("indicator", "info")
        .putObject("source").put("label", "Immunizations"));
    assertEquals(List.of(Kind.ADDED), cardDiffs(r).stream().map(ItemDiff::kind).toList());
  }

  @Test
  void aChangedActionResourceShowsItsFieldPath() {
    DiffResult r = diff(x -> ((ObjectNode) card(x, 1).at("/suggestions/0/actions/0/resource/performer/0"))
        .put("reference", "Organization/in-network-8"));
    ItemDiff d = cardDiffs(r).get(0);
    assertEquals("/suggestions/0/actions/0/resource/performer/0/reference", d.changes().get(0).path());
    assertEquals("Organization/in-network-8", d.changes().get(0).newValue().asText());
    Golden.check("diff/action-resource-changed.txt", new DiffReport(RenderOptions.plain(80)).text(r));
  }

  @Test
  void systemActionsAreCompared() {
    DiffResult r = diff(x -> ((ObjectNode) x.at("/systemActions/0/resource/extension/0/extension/1")).put("valueCode", "not-covered"));
    List<ItemDiff> actions = r.services().get(0).systemActions();
    assertEquals(1, actions.size());
    assertEquals("/resource/extension/0/extension/1/valueCode", actions.get(0).changes().get(0).path());
    JsonNode json = DiffReport.json(r);
    assertEquals("changed", json.at("/services/0/systemActions/0/change").asText());
    assertEquals("not-covered", json.at("/services/0/systemActions/0/fields/0/new").asText());
    assertEquals("update ServiceRequest/sr-42", json.at("/services/0/systemActions/0/label").asText());
  }

  @Test
  void ignoredPathsWithWildcardsAreLeftOut() {
    Consumer<ObjectNode> volatileFields = x -> {
      card(x, 0).put("detail", "Already on naproxen since 2024-01-01.");
      ((ObjectNode) x.at("/systemActions/0/resource")).putObject("meta").put("lastUpdated", "2025-02-02T10:00:00Z");
    };
    assertFalse(diff(volatileFields).same());
    assertFalse(diff(volatileFields, "/cards/*/detail").same());
    assertTrue(diff(volatileFields, "/cards/*/detail", "/systemActions/*/resource/meta").same());
    assertTrue(diff(volatileFields, "/cards/*/detail", "/**/lastUpdated").same());
  }

  @Test
  void anIgnorePathMustLookLikeAPointer() {
    CdsException e = assertThrows(CdsException.class, () -> IgnoreRules.of(List.of("cards.detail")));
    assertEquals(2, e.exitCode());
  }

  @Test
  void servicesPairByIdInNdjson() {
    List<ServiceOutcome> before = Responses.parse(Golden.read("render/services.ndjson"), "a");
    String changed = Golden.read("render/services.ndjson")
        .replace("\"Coverage active\"", "\"Coverage inactive\"")
        .replace("\"status\":0,\"elapsedMs\":5002,\"error\":\"no answer from http://127.0.0.1:9/cds-services/crd-payer-b within 5s: raise --timeout or check the service\"",
            "\"status\":200,\"elapsedMs\":40,\"body\":{\"cards\":[]}")
        .replace("{\"service\":\"empty\",\"hook\":\"order-sign\",\"status\":200,\"elapsedMs\":12,\"body\":{\"cards\":[]}}\n", "");
    List<ServiceOutcome> after = Responses.parse(changed, "b");
    DiffResult r = new CardDiff(IgnoreRules.none()).compare(before, after);
    assertEquals(List.of(Kind.CHANGED, Kind.CHANGED, Kind.SAME, Kind.REMOVED),
        r.services().stream().map(DiffResult.ServiceDiff::kind).toList());
    Golden.check("diff/services.txt", new DiffReport(RenderOptions.plain(80)).text(r));
    Golden.check("diff/services.json", Json.pretty(DiffReport.json(r)) + "\n");
  }

  @Test
  void reorderedNdjsonLinesAreTheSame() {
    String text = Golden.read("render/services.ndjson");
    List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n")));
    java.util.Collections.reverse(lines);
    DiffResult r = new CardDiff(IgnoreRules.none())
        .compare(Responses.parse(text, "a"), Responses.parse(String.join("\n", lines), "b"));
    assertTrue(r.same());
  }

  @Test
  void longValuesShowTheChangedWordsWithContextNotTheSameCutOnBothSides() {
    String a = "\"The selected radiology center requires prior authorization for MRI imaging under this plan.\"";
    String b = "\"The selected radiology center requires prior authorization for MRI imaging under this policy.\"";
    assertEquals("… MRI imaging under this [-plan.\"-]{+policy.\"+}", DiffReport.wordDiff(a, b));
  }
}
