package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Validator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cds serve} sends a service definition's {@code suggestion.actionSelectionBehavior} as
 * written (examples/services/order-select-diabetes-labs.json), and the response is valid CDS
 * Hooks 3.0; under 2.0 the same response only warns (cds-resp-7).
 */
class ServeActionSelectionTest {
  static CdsServer server;

  @BeforeAll
  static void start() {
    server = TestServices.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theServedResponseCarriesActionSelectionBehaviorAndIsValid30() {
    Cli.Result r = cli().run("call", "order-select-diabetes-labs", "--base", server.baseUrl(),
        "--context", "examples/contexts/order-select.json", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    JsonNode body = Json.parse(r.out(), "out");
    assertEquals(List.of("any", "at-most-one"), body.at("/cards/0/suggestions").findValuesAsText("actionSelectionBehavior"));
    Validator validator = new Validator(HookCatalog.bundled());
    assertEquals(List.of(), validator.validate(body, DocumentKind.RESPONSE,
        Validator.Options.of(true).withSpec(SpecVersion.V3_0)));
    assertTrue(validator.validate(body, DocumentKind.RESPONSE, Validator.Options.of(false)).stream()
        .allMatch(f -> f.rule().equals("cds-resp-7") && !f.isError()), "under 2.0: warnings only");
  }

  @Test
  void discoveryListsTheServiceForOrderSelect() {
    JsonNode d = Json.parse(cli().run("discover", server.baseUrl(), "--output", "json").out(), "out");
    assertTrue(d.path("services").findValuesAsText("id").contains("order-select-diabetes-labs"), d.toString());
  }
}
