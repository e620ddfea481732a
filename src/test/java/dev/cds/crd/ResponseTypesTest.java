package dev.cds.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseTypesTest {
  private static JsonNode spec(String name) throws IOException {
    return Json.parse(Files.readString(Path.of("src/test/resources/crd", name)), name);
  }

  private static List<ResponseType> cards(JsonNode response) {
    List<ResponseType> out = new ArrayList<>();
    response.path("cards").forEach(c -> out.add(ResponseTypes.ofCard(c)));
    return out;
  }

  @Test
  void theGuidesExamplesAreClassifiedAsItsNarrativeDescribesThem() throws IOException {
    // cards.md: the clinical-reminder card "just contains a message"; the guideline card has two
    // links; the therapy alternative deletes the brand-name order and creates the alternative
    assertEquals(List.of(ResponseType.INSTRUCTIONS, ResponseType.EXTERNAL_REFERENCE, ResponseType.PROPOSE_ALTERNATE_REQUEST),
        cards(spec("CRDServiceResponse.json")));
    // therapy-alternatives-req (alternate), clinical-reminder (additional order), a Task for a
    // questionnaire (form completion), insurance (coverage update), guideline with a SMART link
    assertEquals(List.of(ResponseType.PROPOSE_ALTERNATE_REQUEST, ResponseType.IDENTIFY_ADDITIONAL_ORDERS,
        ResponseType.REQUEST_FORM_COMPLETION, ResponseType.COVERAGE_RECORDS, ResponseType.LAUNCH_SMART),
        cards(spec("CRDServiceResponse2.json")));
    JsonNode ci = spec("CRDServiceResponse3.json");
    assertEquals(ResponseType.COVERAGE_INFORMATION, ResponseTypes.ofSystemAction(ci.at("/systemActions/0")));
    assertTrue(ResponseTypes.isCrd(ci));
  }

  @Test
  void systemActionsOtherThanCrdsAreUnclassified() {
    assertEquals(ResponseType.UNCLASSIFIED, ResponseTypes.ofSystemAction(Json.parse(
        "{\"type\": \"update\", \"resource\": {\"resourceType\": \"ServiceRequest\", \"id\": \"1\"}}", "a")));
    assertEquals(ResponseType.REQUEST_FORM_COMPLETION, ResponseTypes.ofSystemAction(Json.parse(
        "{\"type\": \"create\", \"resource\": {\"resourceType\": \"Task\"}}", "a")));
    assertEquals(ResponseType.COVERAGE_RECORDS, ResponseTypes.ofSystemAction(Json.parse(
        "{\"type\": \"update\", \"resource\": {\"resourceType\": \"Coverage\", \"id\": \"c\"}}", "a")));
  }

  @Test
  void aCardCarryingCoverageInformationIsSeenForWhatItIs() {
    JsonNode card = Json.parse("""
        {"summary": "x", "suggestions": [{"actions": [{"type": "update", "resource": {"resourceType": "ServiceRequest",
          "id": "1", "extension": [{"url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information"}]}}]}]}
        """, "c");
    assertEquals(ResponseType.COVERAGE_INFORMATION, ResponseTypes.ofCard(card));
  }

  @Test
  void plainCdsHooksResponsesAreNotCrd() {
    assertFalse(ResponseTypes.isCrd(Json.parse("{\"cards\": [{\"summary\": \"x\", \"source\": {\"label\": \"y\"}}]}", "r")));
    assertTrue(ResponseTypes.isCrd(Json.parse("{\"cards\": [{\"summary\": \"x\", \"source\": {\"label\": \"y\","
        + " \"topic\": {\"system\": \"http://terminology.hl7.org/CodeSystem/cdshooks-card-type\", \"code\": \"cost\"}}}]}", "r")));
  }

  @Test
  void theDtrHintNamesTheQuestionnaires() {
    JsonNode resource = Json.parse("""
        {"resourceType": "DeviceRequest", "id": "d", "extension": [{
          "url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information",
          "extension": [{"url": "covered", "valueCode": "covered"}, {"url": "doc-needed", "valueCode": "clinical"},
            {"url": "questionnaire", "valueCanonical": "http://x.example.org/Questionnaire/a"},
            {"url": "questionnaire", "valueCanonical": "http://x.example.org/Questionnaire/b"}]},
          {"url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information",
          "extension": [{"url": "covered", "valueCode": "covered"}, {"url": "doc-needed", "valueCode": "conditional"}]}]}
        """, "r");
    List<CoverageAssertion> all = CoverageAssertion.of(resource);
    assertEquals(2, all.size());
    assertEquals(Optional.of("documentation needed (clinical): questionnaires http://x.example.org/Questionnaire/a,"
        + " http://x.example.org/Questionnaire/b — DTR would be launched"), all.get(0).dtrHint());
    assertEquals(Optional.empty(), all.get(1).dtrHint(), "conditional documentation launches nothing yet");
  }
}
