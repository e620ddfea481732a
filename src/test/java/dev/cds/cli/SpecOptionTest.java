package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds validate --spec 2.0|3.0}: the 3.0-only rules, notes, aliases, and a profile's spec. */
class SpecOptionTest {
  private static final String RESPONSE = """
      {"cards": [{"uuid": "0b5f9a10-0000-4000-8000-000000000001", "summary": "Pick the follow-up tests",
        "indicator": "info", "source": {"label": "Guideline service"}, "selectionBehavior": "any",
        "suggestions": [{"label": "Order labs", "uuid": "0b5f9a10-0000-4000-8000-000000000002",
          "actionSelectionBehavior": "%s",
          "actions": [
            {"type": "create", "description": "HbA1c", "resource": {"resourceType": "ServiceRequest",
              "status": "draft", "intent": "order", "subject": {"reference": "Patient/1"}}},
            {"type": "create", "description": "Lipid panel", "resource": {"resourceType": "ServiceRequest",
              "status": "draft", "intent": "order", "subject": {"reference": "Patient/1"}}}]}]}]}
      """;

  @TempDir Path dir;

  private Path response(String behavior) throws Exception {
    Path file = dir.resolve("response-" + behavior + ".json");
    Files.writeString(file, RESPONSE.formatted(behavior));
    return file;
  }

  @Test
  void actionSelectionBehaviorIsAnErrorWhenWrongUnder30AndAWarningUnder20() throws Exception {
    Path wrong = response("one");
    Cli.Result v3 = cli().terminal().env("COLUMNS", "200").run("validate", wrong.toString(), "--no-fhir", "--spec", "3.0", "--no-color");
    assertEquals(1, v3.code(), v3::toString);
    assertTrue(v3.out().contains("[cds-resp-7]") && v3.out().contains("(response, CDS Hooks 3.0): 1 error"), v3.out());
    Cli.Result v2 = cli().terminal().env("COLUMNS", "200").run("validate", wrong.toString(), "--no-fhir", "--no-color");
    assertEquals(0, v2.code(), v2::toString);
    assertTrue(v2.out().startsWith("warning") && v2.out().contains("an error under CDS Hooks 3.0"), v2.out());
    Cli.Result fine = cli().run("validate", response("at-most-one").toString(), "--no-fhir", "--spec", "3.0");
    assertEquals(0, fine.code(), fine::toString);
    assertEquals("[ ]", fine.out().trim());
  }

  @Test
  void aProfileSetsTheSpecAndTheFlagWins() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\nspec = 3.0\n");
    Path wrong = response("one");
    assertEquals(1, cli().env("CDS_CONFIG", config.toString()).run("validate", wrong.toString(), "--no-fhir").code());
    assertEquals(0, cli().env("CDS_CONFIG", config.toString()).run("validate", wrong.toString(), "--no-fhir", "--spec", "2.0").code());
  }

  @Test
  void anUnknownSpecIsAUsageError() throws Exception {
    Cli.Result r = cli().run("validate", response("all").toString(), "--no-fhir", "--spec", "4.0");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--spec 4.0: use 2.0 or 3.0"), r.err());
  }

  @Test
  void notesAreShownAndCountedButNeverFail() throws Exception {
    Path request = dir.resolve("request.json");
    Cli.Result init = cli().run("init", "patient-view", "--fhir-server", "https://ehr.example.org/fhir");
    Files.writeString(request, init.out());
    Cli.Result r = cli().terminal().env("COLUMNS", "200").run("validate", request.toString(), "--no-fhir", "--spec", "3.0", "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("note    /fhirAuthorization/scope  user/Patient.read user/Observation.read: SMART v1"), r.out());
    assertTrue(r.out().contains("user/Patient.rs"), r.out());
    assertTrue(r.out().endsWith("(request, CDS Hooks 3.0): valid, 1 note\n"), r.out());
    JsonNode json = Json.parse(cli().run("validate", request.toString(), "--no-fhir", "--spec", "3.0").out(), "out");
    assertEquals("note", json.path(0).path("severity").asText());
  }

  @Test
  void formerRuleIdsStayAsAliasesInJson() throws Exception {
    Path file = dir.resolve("response.json");
    Files.writeString(file, RESPONSE.formatted("all").replace("\"selectionBehavior\": \"any\",", ""));
    JsonNode list = Json.parse(cli().run("validate", file.toString(), "--no-fhir").out(), "out");
    assertEquals("cds-resp-6", list.path(0).path("rule").asText());
    assertEquals("response.card.selectionBehavior", list.path(0).path("aliases").path(0).asText());
  }
}
