package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Overrides;
import dev.cds.hooks.RequestSkeleton;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One failing fixture per rule: a valid document (an init skeleton, or the valid response,
 * discovery and feedback bodies below), one edit, and the finding that edit must produce.
 * Edits are {@link FixtureEdits#byPath}'s: {@code path=value} (JSON values go in as JSON) or
 * {@code -path} to remove a member.
 */
class RuleFixturesTest {
  private static final HookCatalog CATALOG = HookCatalog.bundled();
  private static final Validator VALIDATOR = new Validator(CATALOG);

  static final String RESPONSE = """
      {"cards": [{
         "uuid": "0b5f9a10-0000-4000-8000-000000000001",
         "summary": "Prior authorization needed", "detail": "**Why**: plan rule 12",
         "indicator": "warning",
         "source": {"label": "Payer A", "url": "https://payer.example.org",
                    "topic": {"system": "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp", "code": "prior-auth"}},
         "suggestions": [
           {"label": "Order the MRI instead", "uuid": "0b5f9a10-0000-4000-8000-000000000002", "isRecommended": true,
            "actions": [
              {"type": "create", "description": "Add the MRI",
               "resource": {"resourceType": "ServiceRequest", "status": "draft", "intent": "order",
                            "subject": {"reference": "Patient/p1"}}},
              {"type": "update", "description": "Change the performer",
               "resource": {"resourceType": "Task", "id": "t1", "status": "draft", "intent": "order",
                            "owner": {"reference": "Organization/o2"}}},
              {"type": "delete", "description": "Cancel the CT", "resourceId": "ServiceRequest/ct1"}]},
           {"label": "Keep it", "uuid": "0b5f9a10-0000-4000-8000-000000000003"}],
         "selectionBehavior": "at-most-one",
         "overrideReasons": [{"system": "http://example.org/reasons", "code": "pa-done", "display": "Already authorized"}],
         "links": [
           {"label": "Plan rules", "url": "https://payer.example.org/rules", "type": "absolute"},
           {"label": "Prior auth app", "url": "https://payer.example.org/launch", "type": "smart", "appContext": "pa=1"}]}],
       "systemActions": [{"type": "update",
         "resource": {"resourceType": "ServiceRequest", "id": "sr1", "status": "draft", "intent": "order",
                      "subject": {"reference": "Patient/p1"}}}]}
      """;
  static final String DISCOVERY = """
      {"services": [
        {"hook": "order-sign", "id": "crd-sign", "title": "Coverage", "description": "Payer rules",
         "prefetch": {"patient": "Patient/{{context.patientId}}",
                      "coverage": "Coverage?patient={{context.patientId}}&status=active"}},
        {"hook": "order-dispatch", "id": "crd-sign", "title": "Coverage", "description": "Same id, other hook"}]}
      """;
  static final String FEEDBACK = """
      {"feedback": [
        {"card": "0b5f9a10-0000-4000-8000-000000000001", "outcome": "accepted",
         "acceptedSuggestions": [{"id": "0b5f9a10-0000-4000-8000-000000000002"}],
         "outcomeTimestamp": "2025-01-15T14:02:11Z"},
        {"card": "0b5f9a10-0000-4000-8000-000000000001", "outcome": "overridden",
         "overrideReason": {"reason": {"system": "http://example.org/reasons", "code": "pa-done"}, "userComment": "done"},
         "outcomeTimestamp": "2025-01-15T14:02:11.250Z"}]}
      """;

  record Fixture(String base, String severity, String rule, String path, List<String> edits)
      implements RuleFixtures.Fixture {
    @Override
    public JsonNode document() {
      return RuleFixturesTest.base(base);
    }

    @Override
    public List<Finding> findings(JsonNode doc) {
      return switch (base) {
        case "response" -> VALIDATOR.validate(doc, DocumentKind.RESPONSE, Validator.Options.of(true));
        case "discovery" -> VALIDATOR.validate(doc, DocumentKind.DISCOVERY, Validator.Options.of(true));
        case "feedback" -> VALIDATOR.validate(doc, DocumentKind.FEEDBACK, Validator.Options.of(true));
        default -> {
          String fhir = base.endsWith("DSTU2") ? "DSTU2" : base.startsWith("medication-prescribe") ? "STU3" : "R4";
          yield VALIDATOR.validate(doc, DocumentKind.REQUEST, new Validator.Options(true, fhir, null));
        }
      };
    }

    /** The medication-prescribe skeleton is valid, and of a deprecated hook. */
    @Override
    public boolean tolerated(Finding f) {
      return f.rule().equals("request.hook.deprecated");
    }

    /** These fixtures name rules by the ids they had before the spec's invariants, too. */
    @Override
    public boolean names(Finding f) {
      return f.is(rule);
    }

    @Override
    public String toString() {
      return rule + " (" + base + ": " + String.join(" ", edits) + ")";
    }
  }

  static Fixture fx(String base, String severity, String rule, String path, String... edits) {
    return new Fixture(base, severity, rule, path, List.of(edits));
  }

  static Stream<Fixture> fixtures() {
    return Stream.of(
        // request members
        fx("patient-view", "error", "request.object", "", "=[1,2]"),
        fx("patient-view", "error", "request.hook", "", "-hook"),
        fx("patient-view", "warning", "request.hook.unknown", "/hook", "hook=patient-veiw"),
        fx("medication-prescribe", "warning", "request.hook.deprecated", "/hook"),
        fx("patient-view", "error", "request.hookInstance", "", "-hookInstance"),
        fx("patient-view", "error", "request.hookInstance.uuid", "/hookInstance", "hookInstance=call-17"),
        fx("patient-view", "error", "request.context", "", "-context"),
        fx("patient-view", "error", "request.context", "/context", "context=[]"),
        fx("patient-view", "error", "request.fhirAuthorization.fhirServer", "/fhirAuthorization", "-fhirServer"),
        fx("patient-view", "error", "request.fhirAuthorization", "/fhirAuthorization", "fhirAuthorization=\"abc\""),
        fx("patient-view", "error", "request.fhirAuthorization.member", "/fhirAuthorization", "-fhirAuthorization.subject"),
        fx("patient-view", "error", "request.fhirAuthorization.member", "/fhirAuthorization/expires_in", "fhirAuthorization.expires_in=\"300\""),
        fx("patient-view", "error", "request.fhirAuthorization.member", "/fhirAuthorization/token_type", "fhirAuthorization.token_type=MAC"),
        fx("patient-view", "warning", "request.fhirAuthorization.patient", "/fhirAuthorization", "fhirAuthorization.scope=patient/Patient.read", "-fhirAuthorization.patient"),
        fx("patient-view", "error", "request.fhirServer", "/fhirServer", "fhirServer=ehr.example.org/fhir"),
        fx("patient-view", "warning", "request.fhirServer.https", "/fhirServer", "fhirServer=http://ehr.example.org/fhir"),
        fx("patient-view", "error", "request.prefetch", "/prefetch", "prefetch=[]"),
        fx("patient-view", "error", "request.prefetch", "/prefetch/patient", "prefetch.patient=\"Patient/1\""),
        fx("patient-view", "error", "request.extension", "/extension", "extension=\"x\""),
        fx("patient-view", "warning", "request.member.unknown", "/fhirserver", "fhirserver=https://x.example.org"),
        fx("patient-view", "warning", "request.member.empty", "/prefetch", "prefetch={}"),
        // context against the catalog
        fx("patient-view", "error", "context.field.required", "/context", "-context.patientId"),
        fx("patient-view", "error", "context.field.type", "/context/patientId", "context.patientId=[\"1\"]"),
        fx("patient-view", "error", "context.field.empty", "/context/patientId", "context.patientId=\"\""),
        fx("patient-view", "warning", "context.field.unknown", "/context/favouriteColour", "context.favouriteColour=blue"),
        fx("patient-view", "error", "context.field.name", "/context/user", "-context.userId", "context.user=Practitioner/1"),
        fx("order-dispatch", "error", "context.field.name", "/context/dispatched-orders",
            "-context.dispatchedOrders", "context.dispatched-orders=[\"ServiceRequest/imaging-order-001\"]"),
        fx("order-dispatch", "warning", "context.field.name", "/context/fulfillment-tasks",
            "context.fulfillment-tasks=$context.fulfillmentTasks", "-context.fulfillmentTasks"),
        fx("patient-view", "error", "context.id.form", "/context/patientId", "context.patientId=Patient/1288992"),
        fx("patient-view", "error", "context.id.form", "/context/encounterId", "context.encounterId=visit 12"),
        fx("patient-view", "error", "context.reference.form", "/context/userId", "context.userId=abc"),
        fx("patient-view", "error", "context.reference.type", "/context/userId", "context.userId=Device/1"),
        fx("order-dispatch", "error", "context.reference.type", "/context/performer", "context.performer=Organziation/9"),
        fx("order-dispatch", "error", "context.reference.form", "/context/dispatchedOrders/1", "context.dispatchedOrders[1]=imaging-order-002"),
        fx("order-dispatch", "error", "context.reference.type", "/context/dispatchedOrders/0", "context.dispatchedOrders[0]=Patient/1"),
        fx("order-dispatch 1.0", "error", "context.resource", "/context/task", "context.task={\"id\":\"t\"}"),
        fx("order-dispatch 1.0", "error", "context.resource.type", "/context/task/resourceType", "context.task.resourceType=ServiceRequest"),
        fx("order-sign", "error", "context.resource.type", "/context/draftOrders", "context.draftOrders.resourceType=MedicationRequest"),
        fx("order-sign", "error", "context.resource.type", "/context/draftOrders/entry/0/resource/resourceType",
            "context.draftOrders.entry[0].resource.resourceType=Observation"),
        // hook rules
        fx("order-select", "error", "hook.order-select.selections", "/context/selections/0", "context.selections[0]=MedicationRequest/other"),
        fx("order-sign", "warning", "hook.orders.draft", "/context/draftOrders/entry/0/resource/status",
            "context.draftOrders.entry[0].resource.status=active"),
        fx("order-select", "warning", "hook.orders.draft", "/context/draftOrders/entry/0/resource/status",
            "context.draftOrders.entry[0].resource.status=active"),
        fx("medication-refill", "warning", "hook.orders.draft", "/context/medications/entry/0/resource/status",
            "context.medications.entry[0].resource.status=active"),
        fx("order-dispatch", "error", "hook.order-dispatch.task.focus", "/context/fulfillmentTasks/0/focus/reference",
            "context.fulfillmentTasks[0].focus.reference=ServiceRequest/elsewhere"),
        fx("order-dispatch", "error", "hook.order-dispatch.task.focus", "/context/fulfillmentTasks/0", "-context.fulfillmentTasks[0].focus"),
        fx("order-dispatch", "error", "hook.order-dispatch.task.focus", "/context/fulfillmentTasks/1/focus/reference",
            "context.fulfillmentTasks[1]=$context.fulfillmentTasks[0]", "context.fulfillmentTasks[1].owner.reference=Organization/b"),
        fx("order-dispatch 1.0", "error", "hook.order-dispatch.task.focus", "/context/task/focus/reference",
            "context.task.focus.reference=ServiceRequest/elsewhere"),
        fx("appointment-book", "error", "hook.appointment-book.proposed", "/context/appointments/entry/0/resource/status",
            "context.appointments.entry[0].resource.status=booked"),
        fx("problem-list-item-create", "warning", "hook.problem-list-item-create.category",
            "/context/conditions/entry/0/resource/category", "context.conditions.entry[0].resource.category[0].coding[0].code=encounter-diagnosis"),
        // FHIR content
        fx("order-dispatch", "error", "fhir.element.unknown", "/context/fulfillmentTasks/0/colour", "context.fulfillmentTasks[0].colour=red"),
        fx("order-dispatch", "error", "fhir.json.type", "/context/fulfillmentTasks/0/code", "context.fulfillmentTasks[0].code=fulfill"),
        fx("order-dispatch", "error", "fhir.json.type", "/context/fulfillmentTasks/0/for", "context.fulfillmentTasks[0].for=[{\"reference\":\"Patient/1288992\"}]"),
        fx("order-dispatch", "error", "fhir.value.invalid", "/context/fulfillmentTasks/0/status", "context.fulfillmentTasks[0].status=drafty"),
        fx("order-dispatch", "error", "fhir.value.invalid", "/context/fulfillmentTasks/0/authoredOn", "context.fulfillmentTasks[0].authoredOn=2016-03-10T22:39"),
        fx("order-dispatch", "error", "fhir.element.required", "/context/fulfillmentTasks/0", "-context.fulfillmentTasks[0].intent"),
        fx("order-dispatch", "error", "fhir.reference.type", "/context/fulfillmentTasks/0/owner/reference",
            "context.fulfillmentTasks[0].owner.reference=Organziation/some-performer"),
        fx("order-dispatch", "warning", "fhir.reference.unknown", "/context/fulfillmentTasks/0/owner/reference",
            "context.fulfillmentTasks[0].owner.reference=#nothing"),
        fx("order-dispatch", "error", "fhir.value.empty", "/context/fulfillmentTasks/0/code/coding/0/system",
            "context.fulfillmentTasks[0].code.coding[0].system=\"\""),
        fx("order-dispatch", "error", "fhir.resourceType", "/context/fulfillmentTasks/0/resourceType", "context.fulfillmentTasks[0].resourceType=Tsak"),
        fx("order-select DSTU2", "error", "fhir.resourceType", "/prefetch/x/resourceType", "prefetch.x={\"resourceType\":\"Tsak\"}"),
        fx("order-dispatch", "warning", "fhir.resource.duplicate", "/context/fulfillmentTasks/1",
            "context.fulfillmentTasks[0].id=t1", "context.fulfillmentTasks[1]=$context.fulfillmentTasks[0]",
            "context.fulfillmentTasks[1].focus.reference=ServiceRequest/imaging-order-002"),
        fx("order-sign", "warning", "fhir.resource.duplicate", "/context/draftOrders/entry/1/resource",
            "context.draftOrders.entry[1].resource.id=$context.draftOrders.entry[0].resource.id",
            "context.draftOrders.entry[1].resource.resourceType=$context.draftOrders.entry[0].resource.resourceType"),
        fx("order-dispatch", "error", "fhir.parse", "/context/fulfillmentTasks/0",
            "context.fulfillmentTasks[0].extension=[{\"url\":\"http://x.example.org/e\",\"valueString\":\"a\",\"extension\":[{\"url\":\"b\",\"valueString\":\"c\"}]}]"),
        fx("order-dispatch", "error", "fhir.parse", "/context/fulfillmentTasks/0", "context.fulfillmentTasks[0].contained=[{\"id\":\"c1\"}]"),
        // responses
        fx("response", "error", "response.object", "", "=[]"),
        fx("response", "error", "response.cards", "", "-cards"),
        fx("response", "error", "response.card", "/cards/0", "cards[0]=\"text\""),
        fx("response", "error", "response.card.summary", "/cards/0", "-cards[0].summary"),
        fx("response", "error", "response.card.summary.length", "/cards/0/summary", "cards[0].summary=" + "x".repeat(140)),
        fx("response", "error", "response.card.detail", "/cards/0/detail", "cards[0].detail={}"),
        fx("response", "error", "response.card.indicator", "/cards/0/indicator", "cards[0].indicator=hard-stop"),
        fx("response", "error", "response.card.source", "/cards/0", "-cards[0].source"),
        fx("response", "error", "response.card.source.label", "/cards/0/source", "-cards[0].source.label"),
        fx("response", "error", "response.card.source.url", "/cards/0/source/url", "cards[0].source.url=payer.example.org"),
        fx("response", "error", "response.coding", "/cards/0/source/topic", "-cards[0].source.topic.system"),
        fx("response", "error", "response.card.suggestions", "/cards/0/suggestions", "cards[0].suggestions={}"),
        fx("response", "error", "response.card.selectionBehavior", "/cards/0", "-cards[0].selectionBehavior"),
        fx("response", "error", "response.card.selectionBehavior", "/cards/0/selectionBehavior", "cards[0].selectionBehavior=all"),
        fx("response", "error", "response.suggestion", "/cards/0/suggestions/1", "cards[0].suggestions[1]=3"),
        fx("response", "error", "response.suggestion.label", "/cards/0/suggestions/1", "-cards[0].suggestions[1].label"),
        fx("response", "warning", "response.suggestion.isRecommended", "/cards/0/suggestions", "cards[0].suggestions[1].isRecommended=true"),
        fx("response", "error", "response.action", "/cards/0/suggestions/0/actions", "cards[0].suggestions[0].actions={}"),
        fx("response", "error", "response.action.type", "/cards/0/suggestions/0/actions/0/type", "cards[0].suggestions[0].actions[0].type=insert"),
        fx("response", "error", "response.action.description", "/cards/0/suggestions/0/actions/0", "-cards[0].suggestions[0].actions[0].description"),
        fx("response", "error", "response.action.resource", "/cards/0/suggestions/0/actions/0", "-cards[0].suggestions[0].actions[0].resource"),
        fx("response", "error", "response.action.resource.id", "/cards/0/suggestions/0/actions/1/resource", "-cards[0].suggestions[0].actions[1].resource.id"),
        fx("response", "error", "response.action.resourceId", "/cards/0/suggestions/0/actions/2", "-cards[0].suggestions[0].actions[2].resourceId"),
        fx("response", "error", "response.action.resourceId", "/cards/0/suggestions/0/actions/2/resourceId", "cards[0].suggestions[0].actions[2].resourceId=ct1"),
        fx("response", "error", "response.link", "/cards/0/links", "cards[0].links={}"),
        fx("response", "error", "response.link.label", "/cards/0/links/0", "-cards[0].links[0].label"),
        fx("response", "error", "response.link.url", "/cards/0/links/0/url", "cards[0].links[0].url=/rules"),
        fx("response", "error", "response.link.type", "/cards/0/links/0/type", "cards[0].links[0].type=relative"),
        fx("response", "error", "response.link.appContext", "/cards/0/links/0/appContext", "cards[0].links[0].appContext=x"),
        fx("response", "error", "response.overrideReason", "/cards/0/overrideReasons", "cards[0].overrideReasons={}"),
        fx("response", "error", "response.overrideReason.display", "/cards/0/overrideReasons/0", "-cards[0].overrideReasons[0].display"),
        fx("response", "error", "response.uuid.unique", "/cards/0/suggestions/1/uuid", "cards[0].suggestions[1].uuid=0b5f9a10-0000-4000-8000-000000000001"),
        fx("response", "error", "response.systemActions", "/systemActions", "systemActions={}"),
        fx("response", "error", "response.action.resource", "/systemActions/0", "-systemActions[0].resource"),
        fx("response", "error", "fhir.value.invalid", "/systemActions/0/resource/status", "systemActions[0].resource.status=drafty"),
        // discovery
        fx("discovery", "error", "discovery.services", "", "-services"),
        fx("discovery", "error", "discovery.service", "/services/1", "services[1]=\"x\""),
        fx("discovery", "error", "discovery.service.hook", "/services/0", "-services[0].hook"),
        fx("discovery", "warning", "discovery.service.hook.unknown", "/services/0/hook", "services[0].hook=order-sing"),
        fx("discovery", "error", "discovery.service.id", "/services/0", "-services[0].id"),
        fx("discovery", "error", "discovery.service.id", "/services/0/id", "services[0].id=crd sign/v2"),
        fx("discovery", "error", "discovery.service.description", "/services/0", "-services[0].description"),
        fx("discovery", "warning", "discovery.service.title", "/services/0", "-services[0].title"),
        fx("discovery", "error", "discovery.service.unique", "/services/1", "services[1].hook=order-sign"),
        fx("discovery", "error", "discovery.service.prefetch", "/services/0/prefetch", "services[0].prefetch=[]"),
        fx("discovery", "error", "discovery.service.prefetch", "/services/0/prefetch/patient", "services[0].prefetch.patient=1"),
        fx("discovery", "error", "discovery.prefetch.template", "/services/0/prefetch/patient", "services[0].prefetch.patient=Patient/{{context.patientId}"),
        fx("discovery", "error", "discovery.prefetch.template", "/services/0/prefetch/patient", "services[0].prefetch.patient=Patient/{{ }}"),
        fx("discovery", "error", "discovery.prefetch.template", "/services/0/prefetch/patient", "services[0].prefetch.patient=Patient/context.patientId}}"),
        fx("discovery", "warning", "discovery.prefetch.tokens", "/services/0/prefetch/patient", "services[0].prefetch.patient=Patient/{{context.patient}}"),
        fx("discovery", "warning", "discovery.prefetch.tokens", "/services/0/prefetch/orders",
            "services[0].prefetch.orders=MedicationRequest?_id={{context.draftOrders.MedicationRequest.id}}"),
        // feedback
        fx("feedback", "error", "feedback.feedback", "", "-feedback"),
        fx("feedback", "error", "feedback.item", "/feedback/0", "feedback[0]=1"),
        fx("feedback", "error", "feedback.card", "/feedback/0", "-feedback[0].card"),
        fx("feedback", "error", "feedback.outcome", "/feedback/0/outcome", "feedback[0].outcome=ignored"),
        fx("feedback", "error", "feedback.acceptedSuggestions", "/feedback/0", "-feedback[0].acceptedSuggestions"),
        fx("feedback", "error", "feedback.acceptedSuggestions", "/feedback/0/acceptedSuggestions/0", "feedback[0].acceptedSuggestions[0]={\"uuid\":\"x\"}"),
        fx("feedback", "warning", "feedback.acceptedSuggestions", "/feedback/1/acceptedSuggestions", "feedback[1].acceptedSuggestions=[{\"id\":\"x\"}]"),
        fx("feedback", "error", "feedback.overrideReason", "/feedback/1/overrideReason", "feedback[1].overrideReason={}"),
        fx("feedback", "error", "feedback.overrideReason", "/feedback/1/overrideReason/reason", "-feedback[1].overrideReason.reason.code"),
        fx("feedback", "error", "feedback.outcomeTimestamp", "/feedback/0", "-feedback[0].outcomeTimestamp"),
        fx("feedback", "error", "feedback.outcomeTimestamp", "/feedback/0/outcomeTimestamp", "feedback[0].outcomeTimestamp=2025-01-15 14:02"),
        fx("feedback", "error", "feedback.outcomeTimestamp", "/feedback/0/outcomeTimestamp", "feedback[0].outcomeTimestamp=2025-02-30T14:02:11Z"),
        fx("feedback", "warning", "feedback.outcomeTimestamp.utc", "/feedback/0/outcomeTimestamp", "feedback[0].outcomeTimestamp=2025-01-15T16:02:11+02:00"));
  }

  @TestFactory
  Stream<DynamicTest> theEditBreaksItsRule() {
    return RuleFixtures.breakTheirRule(fixtures());
  }

  /** A valid document: the init skeleton of a hook (full, with fhirServer), or a body above. */
  static JsonNode base(String base) {
    switch (base) {
      case "response":
        return Json.parse(RESPONSE, "response");
      case "discovery":
        return Json.parse(DISCOVERY, "discovery");
      case "feedback":
        return Json.parse(FEEDBACK, "feedback");
      default:
        String[] parts = base.split(" ");
        String fhir = parts.length > 1 && !Character.isDigit(parts[1].charAt(0)) ? parts[1] : base.startsWith("medication-prescribe") ? "STU3" : "R4";
        String version = parts.length > 1 && Character.isDigit(parts[1].charAt(0)) ? parts[1] : null;
        ObjectNode request = new RequestSkeleton(CATALOG).build(CATALOG.definition(parts[0], version),
            new RequestSkeleton.Options(fhir, true, "https://ehr.example.org/fhir"), Overrides.parse(List.of()));
        request.with("fhirAuthorization").put("patient", "1288992");
        request.with("prefetch").set("patient", Json.parse("{\"resourceType\":\"Patient\",\"id\":\"1288992\"}", "p"));
        request.with("extension").put("example.org.trace", "on");
        return request;
    }
  }
}
