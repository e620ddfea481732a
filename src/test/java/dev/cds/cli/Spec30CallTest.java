package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.LoopbackServers;
import dev.cds.core.Json;
import org.junit.jupiter.api.Test;

/** CDS Hooks 3.0 end to end: cds serve sends actionSelectionBehavior, cds call --spec 3.0 renders and checks it. */
class Spec30CallTest extends LoopbackServers {
  @Test
  void actionSelectionBehaviourIsRenderedAndValidUnder30() {
    Cli.Result r = cli().terminal().run("call", "order-select-diabetes-labs", "--base", examples.baseUrl(),
        "--context", "examples/contexts/order-select.json", "--spec", "3.0", "--no-color", "--width", "100");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Suggestions (choose any):"), r.out());
    assertTrue(r.out().contains("any of:"), r.out());
    assertTrue(r.out().contains("at most one of:"), r.out());
    assertFalse(r.out().contains("cds-resp-7"), r.out());

    Cli.Result json = cli().run("call", "order-select", "--base", examples.baseUrl(), "--service",
        "order-select-diabetes-labs", "--context", "examples/contexts/order-select.json", "--spec", "3.0");
    JsonNode envelope = Json.parse(json.out(), "out");
    assertEquals("any", envelope.at("/body/cards/0/suggestions/0/actionSelectionBehavior").asText());
    for (JsonNode f : envelope.path("findings")) {
      assertFalse(f.path("rule").asText().equals("cds-resp-7"), f.toString());
    }
  }

  @Test
  void underSpec30AnErrorWithoutOperationOutcomeIsAFinding() {
    Cli.Result r = cli().run("call", "patient-view", "--base", faults.base(), "--service", "html500", "--spec", "3.0");
    assertEquals(4, r.code(), r::toString);
    JsonNode envelope = Json.parse(r.out(), "out");
    assertEquals("response.error.operationOutcome", envelope.at("/findings/0/rule").asText(), r.out());
    Cli.Result under20 = cli().run("call", "patient-view", "--base", faults.base(), "--service", "html500");
    assertEquals(0, Json.parse(under20.out(), "out").path("findings").size(), under20.out());
  }
}
