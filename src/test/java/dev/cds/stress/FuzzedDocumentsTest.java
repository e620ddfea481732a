package dev.cds.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.CardDiff;
import dev.cds.cards.DiffReport;
import dev.cds.cards.DiffResult;
import dev.cds.cards.IgnoreRules;
import dev.cds.cards.RenderOptions;
import dev.cds.cards.Responses;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Overrides;
import dev.cds.hooks.RequestSkeleton;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.FindingsRenderer;
import dev.cds.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 3,000 mutated documents (requests, responses, discovery, feedback) through the validator and the
 * card diff and their renderers: findings or a bad-input failure, never any other exception, and
 * never a StackOverflowError, on a thread with a quarter of the main thread's stack.
 */
class FuzzedDocumentsTest {
  static final int DOCUMENTS = 3000;
  /** A quarter of the JVM's usual 1 MB: the guards must hold well below what the main thread has. */
  static final long STACK = 256 * 1024;

  private static final String RESPONSE = """
      {"cards": [{"uuid": "0b5f9a10-0000-4000-8000-000000000001", "summary": "Prior authorization needed",
         "detail": "**Why**: [rules](https://payer.example.org/rules)", "indicator": "warning",
         "source": {"label": "Payer A", "url": "https://payer.example.org", "topic": {"system": "http://x", "code": "pa"}},
         "suggestions": [{"label": "Order the MRI", "uuid": "0b5f9a10-0000-4000-8000-000000000002", "actions": [
           {"type": "create", "description": "Add", "resource": {"resourceType": "ServiceRequest", "status": "draft",
            "intent": "order", "subject": {"reference": "Patient/p1"}, "code": {"coding": [{"system": "http://loinc.org", "code": "1"}]}}},
           {"type": "delete", "description": "Cancel", "resourceId": "ServiceRequest/ct1"}]}],
         "selectionBehavior": "at-most-one",
         "overrideReasons": [{"system": "http://example.org/r", "code": "done", "display": "Done"}],
         "links": [{"label": "Rules", "url": "https://payer.example.org/rules", "type": "absolute"}]}],
       "systemActions": [{"type": "update", "resource": {"resourceType": "Task", "id": "t1", "status": "draft", "intent": "order"}}]}
      """;
  private static final String DISCOVERY = """
      {"services": [{"hook": "order-sign", "id": "crd-sign", "title": "Coverage", "description": "Payer rules",
        "prefetch": {"patient": "Patient/{{context.patientId}}"}}]}
      """;
  private static final String FEEDBACK = """
      {"feedback": [{"card": "0b5f9a10-0000-4000-8000-000000000001", "outcome": "accepted",
        "acceptedSuggestions": [{"id": "0b5f9a10-0000-4000-8000-000000000002"}], "outcomeTimestamp": "2025-01-15T14:02:11Z"}]}
      """;

  private final Random random = new Random(2025);
  private final Validator validator = new Validator(HookCatalog.bundled());

  private List<JsonNode> seeds() {
    HookCatalog catalog = HookCatalog.bundled();
    List<JsonNode> seeds = new ArrayList<>();
    for (String hook : List.of("patient-view", "order-sign", "order-dispatch", "appointment-book")) {
      seeds.add(new RequestSkeleton(catalog).build(catalog.definition(hook, null),
          new RequestSkeleton.Options("R4", true, "https://ehr.example.org/fhir"), Overrides.parse(List.of())));
    }
    seeds.add(Json.parse(RESPONSE, "response"));
    seeds.add(Json.parse(DISCOVERY, "discovery"));
    seeds.add(Json.parse(FEEDBACK, "feedback"));
    return seeds;
  }

  /** Something hostile to put where a value was. */
  private JsonNode junk() {
    return switch (random.nextInt(14)) {
      case 0 -> Json.NODES.nullNode();
      case 1 -> Json.NODES.textNode("");
      case 2 -> Json.NODES.textNode("\u001b[2J\u202e\u009b\u0000" + "x".repeat(random.nextInt(300)));
      case 3 -> Json.NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 4 -> Json.NODES.numberNode(-1);
      case 5 -> Json.NODES.booleanNode(random.nextBoolean());
      case 6 -> Json.array();
      case 7 -> Json.object();
      case 8 -> Json.object().put("", 1).put("_", "x").put("resourceType", "Patient");
      case 9 -> Json.NODES.textNode("javascript:alert(1)");
      case 10 -> deep(random.nextInt(2) == 0 ? 990 : 20 + random.nextInt(150));
      case 11 -> Json.object().put("resourceType", random.nextBoolean() ? "Patient" : "NotAType").put("id", "../x");
      case 12 -> Json.NODES.textNode("{{context.patientId}}/../..");
      default -> Json.NODES.textNode("Patient/" + random.nextInt());
    };
  }

  private static JsonNode deep(int levels) {
    JsonNode n = Json.NODES.textNode("bottom");
    for (int i = 0; i < levels; i++) {
      n = i % 2 == 0 ? Json.array().add(n) : Json.object().set("resource", n);
    }
    return n;
  }

  private JsonNode mutate(JsonNode seed) {
    JsonNode doc = seed.deepCopy();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      List<ContainerNode<?>> containers = new ArrayList<>();
      collect(doc, containers, 0);
      if (containers.isEmpty()) {
        return junk();
      }
      ContainerNode<?> c = containers.get(random.nextInt(containers.size()));
      if (c instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || random.nextInt(5) == 0 ? "x" + random.nextInt(9) : names.get(random.nextInt(names.size()));
        switch (random.nextInt(4)) {
          case 0 -> o.remove(name);
          case 1 -> o.set(random.nextBoolean() ? "" : name + "_", junk());
          default -> o.set(name, junk());
        }
      } else if (c instanceof ArrayNode a) {
        if (a.isEmpty() || random.nextBoolean()) {
          a.add(junk());
        } else {
          int i = random.nextInt(a.size());
          if (random.nextBoolean() || Json.depth(a.get(i)) > 50) {
            a.set(i, junk());
          } else {
            a.add(a.get(i).deepCopy()); // Jackson's deepCopy recurses: shallow items only
          }
        }
      }
    }
    return doc;
  }

  private static void collect(JsonNode n, List<ContainerNode<?>> out, int depth) {
    if (n instanceof ContainerNode<?> c && depth < 40) {
      out.add(c);
      n.forEach(child -> collect(child, out, depth + 1));
    }
  }

  @Test
  void threeThousandMutatedDocumentsNeverThrow() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int[] counts = new int[3];
    Thread worker = new Thread(null, () -> {
      try {
        List<JsonNode> seeds = seeds();
        for (int i = 0; i < DOCUMENTS; i++) {
          JsonNode seed = seeds.get(i % seeds.size());
          JsonNode doc = mutate(seed);
          check(doc, seed, i, counts);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "fuzz", STACK);
    worker.start();
    worker.join();
    if (failure.get() != null) {
      throw new AssertionError("a fuzzed document broke cds: " + failure.get(), failure.get());
    }
    assertEquals(DOCUMENTS, counts[0]);
    assertTrue(counts[1] > 0, "some documents were too deep to check");
    assertTrue(counts[2] > 0, "some documents were too deep to diff");
  }

  private void check(JsonNode doc, JsonNode seed, int i, int[] counts) {
    JsonNode parsed = doc;
    if (Json.depth(doc) < 1000) { // JSON text is at most 1,000 levels deep, for Jackson as for cds
      try {
        parsed = Json.parse(Json.compact(doc), "doc" + i);
      } catch (CdsException e) {
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
      }
    }
    DocumentKind kind = DocumentKind.detect(parsed).orElse(DocumentKind.values()[i % DocumentKind.values().length]);
    // HAPI costs tens of milliseconds a document: every tenth one gets the FHIR checks
    List<Finding> findings = validator.validate(parsed, kind, new Validator.Options(i % 10 == 0, null, null));
    if (findings.stream().anyMatch(f -> f.rule().equals("document.depth"))) {
      counts[1]++;
    }
    new FindingsRenderer(false).pretty(findings, "doc");
    FindingsRenderer.json(findings);
    try {
      DiffResult diff = new CardDiff(IgnoreRules.none()).compare(List.of(Responses.plain(seed)), List.of(Responses.plain(parsed)));
      new DiffReport(RenderOptions.plain(80)).text(diff);
      Json.compact(DiffReport.json(diff));
    } catch (CdsException e) {
      assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e::getMessage);
      counts[2]++;
    }
    counts[0]++;
  }

  @Test
  void aResponse990LevelsDeepIsAFindingForValidateAndBadInputForDiff() throws Exception {
    String text = "{\"cards\": [{\"summary\": \"s\", \"indicator\": \"info\", \"source\": {\"label\": \"l\"}, \"x\": "
        + "[".repeat(987) + "1" + "]".repeat(987) + "}]}";
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread worker = new Thread(null, () -> {
      try {
        JsonNode deep = Json.parse(text, "deep.json");
        List<Finding> findings = validator.validate(deep, DocumentKind.RESPONSE, Validator.Options.of(true));
        CdsException diff = org.junit.jupiter.api.Assertions.assertThrows(CdsException.class, () -> new CardDiff(IgnoreRules.none())
            .compare(List.of(Responses.plain(deep)), List.of(Responses.plain(Json.parse(RESPONSE, "r")))));
        outcome.set(List.of(findings, diff, Json.compact(deep).length()));
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "deep", STACK);
    worker.start();
    worker.join();
    if (outcome.get() instanceof Throwable t) {
      throw new AssertionError(t);
    }
    List<?> results = (List<?>) outcome.get();
    @SuppressWarnings("unchecked")
    List<Finding> findings = (List<Finding>) results.get(0);
    assertEquals(1, findings.size(), findings::toString);
    assertEquals("document.depth", findings.get(0).rule());
    assertTrue(findings.get(0).message().contains("990 levels deep"), findings.get(0)::message);
    CdsException diff = (CdsException) results.get(1);
    assertEquals(ExitCode.BAD_INPUT, diff.exitCode());
    assertTrue(diff.getMessage().contains("nests 990 levels deep"), diff::getMessage);
    assertEquals(text.replace(" ", "").length(), results.get(2), "the tree parses and prints back without recursion");
  }
}
