package dev.cds.conformance;

import static dev.cds.conformance.LoopbackService.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A loopback Da Vinci CRD payer for order-sign that keeps every rule the CRD checks of
 * {@code cds test} look at, except the one {@link Fault} it is told to break. It offers the
 * options coverage-info, guideline and max-cards, lists CRD 2.1 and 2.2, annotates each draft
 * order with coverage information, and returns two guideline cards.
 */
final class CrdBreaker implements AutoCloseable {
  enum Fault {
    NONE,
    NEEDS_CONFIGURATION,
    IGNORES_GUIDELINE_OFF,
    IGNORES_COVERAGE_INFO_OFF,
    UNKNOWN_OPTION_CHANGES_ANSWER,
    IGNORES_MAX_CARDS,
    NO_COVERAGE_INFORMATION,
    FIRST_ORDER_ONLY,
    CARD_OF_NO_CRD_TYPE,
    REFUSES_A_DECLARED_VERSION,
    ACCEPTS_UNKNOWN_VERSION,
    ACCEPTS_WRONG_TYPE,
    ACCEPTS_NO_COVERAGE,
    ACCEPTS_SEVERAL_COVERAGES,
    COVERAGE_ERRORS_WITHOUT_OUTCOME,
    REJECTS_UNKNOWN_CONTEXT,
    MALFORMED_JSON_500,
    SLOW
  }

  static final String SERVICE = "payer-order-sign";
  static final String CARD_TYPES = "http://terminology.hl7.org/CodeSystem/cdshooks-card-type";
  static final String COVERAGE_INFORMATION =
      "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";
  static final int SLOW_MILLIS = 300;

  private final Fault fault;
  private final LoopbackService http;

  CrdBreaker(Fault fault) throws IOException {
    this.fault = fault;
    http = new LoopbackService(this::handle);
  }

  String base() {
    return http.base();
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      if (ex.getRequestMethod().equals("OPTIONS")) {
        LoopbackService.allowCors(ex);
        ex.sendResponseHeaders(204, -1);
      } else if (path.equals("/cds-services")) {
        send(ex, 200, discovery());
      } else if (path.equals("/cds-services/" + SERVICE + "/feedback")) {
        send(ex, 200, null);
      } else if (path.equals("/cds-services/" + SERVICE)) {
        call(ex, body);
      } else {
        send(ex, 404, OperationOutcomes.error("not-found", "no such service"));
      }
    }
  }

  private void call(HttpExchange ex, byte[] bytes) throws IOException {
    JsonNode request;
    try {
      request = Json.parse(bytes, "request");
    } catch (CdsException e) {
      send(ex, fault == Fault.MALFORMED_JSON_500 ? 500 : 400, OperationOutcomes.error("invalid", "not JSON"));
      return;
    }
    if (!"order-sign".equals(request.path("hook").asText())) {
      send(ex, 400, OperationOutcomes.error("invalid", "this service answers order-sign"));
      return;
    }
    if (fault == Fault.REJECTS_UNKNOWN_CONTEXT && request.path("context").has("cdsTestUnknown")) {
      send(ex, 400, OperationOutcomes.error("invalid", "unknown context element"));
      return;
    }
    JsonNode extension = request.path("extension");
    JsonNode config = extension.path("davinci-crd.configuration");
    if (fault == Fault.NEEDS_CONFIGURATION && config.isMissingNode()) {
      send(ex, 400, OperationOutcomes.error("required", "davinci-crd.configuration is required"));
      return;
    }
    JsonNode version = extension.get("davinci-crd.requestedVersion");
    if (version != null) {
      boolean listed = List.of("2.1", "2.2").contains(version.asText());
      boolean refused = (!listed && fault != Fault.ACCEPTS_UNKNOWN_VERSION)
          || (fault == Fault.REFUSES_A_DECLARED_VERSION && version.asText().equals("2.1"));
      if (refused) {
        send(ex, 422, OperationOutcomes.error("not-supported", "CRD 2.1 and 2.2 only"));
        return;
      }
    }
    for (String option : List.of("coverage-info", "guideline")) {
      JsonNode v = config.get(option);
      if (v != null && !v.isBoolean() && fault != Fault.ACCEPTS_WRONG_TYPE) {
        send(ex, 422, OperationOutcomes.error("invalid", option + " is a boolean"));
        return;
      }
    }
    JsonNode max = config.get("max-cards");
    if (max != null && !max.canConvertToExactIntegral() && fault != Fault.ACCEPTS_WRONG_TYPE) {
      send(ex, 422, OperationOutcomes.error("invalid", "max-cards is an integer"));
      return;
    }
    JsonNode coverages = request.path("prefetch").path("coverage");
    if (coverages.isMissingNode() && !request.has("fhirServer")) {
      send(ex, 412, OperationOutcomes.error("processing", "prefetch 'coverage' is missing"));
      return;
    }
    int count = coverages.path("entry").size();
    if ((count == 0 && fault != Fault.ACCEPTS_NO_COVERAGE) || (count > 1 && fault != Fault.ACCEPTS_SEVERAL_COVERAGES)) {
      send(ex, 400, fault == Fault.COVERAGE_ERRORS_WITHOUT_OUTCOME ? null
          : OperationOutcomes.error("required", count == 0 ? "no Coverage" : "several Coverages"));
      return;
    }
    if (fault == Fault.SLOW) {
      LoopbackService.pause(SLOW_MILLIS);
    }
    send(ex, 200, answer(request, config, count == 0 ? null : coverages.path("entry").get(0).path("resource")));
  }

  private JsonNode answer(JsonNode request, JsonNode config, JsonNode coverage) {
    ObjectNode response = Json.object();
    ArrayNode cards = response.putArray("cards");
    boolean guidelines = !config.path("guideline").isBoolean() || config.path("guideline").asBoolean()
        || fault == Fault.IGNORES_GUIDELINE_OFF;
    if (fault == Fault.UNKNOWN_OPTION_CHANGES_ANSWER && config.has(CrdProbe.UNKNOWN_OPTION)) {
      guidelines = false;
    }
    if (guidelines) {
      cards.add(card("Prior imaging guideline"));
      cards.add(card("Conservative therapy first"));
    }
    JsonNode max = config.get("max-cards");
    if (max != null && max.canConvertToExactIntegral() && fault != Fault.IGNORES_MAX_CARDS) {
      while (cards.size() > max.asInt()) {
        cards.remove(cards.size() - 1);
      }
    }
    boolean coverageInfo = !config.path("coverage-info").isBoolean() || config.path("coverage-info").asBoolean()
        || fault == Fault.IGNORES_COVERAGE_INFO_OFF;
    if (coverageInfo && fault != Fault.NO_COVERAGE_INFORMATION && coverage != null) {
      ArrayNode actions = response.putArray("systemActions");
      for (JsonNode entry : request.path("context").path("draftOrders").path("entry")) {
        if (fault == Fault.FIRST_ORDER_ONLY && !actions.isEmpty()) {
          break;
        }
        ObjectNode order = entry.path("resource").deepCopy();
        order.withArrayProperty("extension").add(coverageInformation(coverage, request));
        ObjectNode action = actions.addObject();
        action.put("type", "update");
        action.put("description", "Record coverage information");
        action.set("resource", order);
      }
    }
    return response;
  }

  private ObjectNode card(String summary) {
    ObjectNode card = Json.object();
    card.put("uuid", UUID.randomUUID().toString());
    card.put("summary", summary);
    card.put("detail", "See the plan's guideline before ordering.");
    card.put("indicator", "info");
    ObjectNode source = card.putObject("source");
    source.put("label", "Example Health Plan");
    ObjectNode topic = source.putObject("topic");
    topic.put("system", CARD_TYPES);
    topic.put("code", fault == Fault.CARD_OF_NO_CRD_TYPE ? "made-up-type" : "guideline");
    return card;
  }

  private static ObjectNode coverageInformation(JsonNode coverage, JsonNode request) {
    ObjectNode ext = Json.object();
    ext.put("url", COVERAGE_INFORMATION);
    ArrayNode subs = ext.putArray("extension");
    subs.addObject().put("url", "coverage").putObject("valueReference")
        .put("reference", "Coverage/" + coverage.path("id").asText());
    subs.addObject().put("url", "covered").put("valueCode", "covered");
    subs.addObject().put("url", "pa-needed").put("valueCode", "no-auth");
    subs.addObject().put("url", "date").put("valueDate", LocalDate.now(ZoneOffset.UTC).toString());
    subs.addObject().put("url", "coverage-assertion-id").put("valueString", "a-" + request.path("hookInstance").asText());
    return ext;
  }

  private JsonNode discovery() {
    ObjectNode service = Json.object();
    service.put("hook", "order-sign");
    service.put("id", SERVICE);
    service.put("title", "Example Health Plan: orders being signed");
    service.put("description", "Coverage requirements for draft orders");
    ObjectNode prefetch = service.putObject("prefetch");
    prefetch.put("patient", "Patient/{{context.patientId}}");
    prefetch.put("coverage", "Coverage?patient={{context.patientId}}&status=active");
    ObjectNode extension = service.putObject("extension");
    extension.putArray("davinci-crd.version").add("2.1").add("2.2");
    ArrayNode options = extension.putArray("davinci-crd.configuration-options");
    option(options, "coverage-info", "boolean", "Coverage Information", "Coverage, prior authorization and documentation")
        .put("default", true);
    option(options, "guideline", "boolean", "Guidelines", "Guidelines that apply to the order").put("default", true);
    option(options, "max-cards", "integer", "Maximum cards", "At most this many cards").put("default", 10);
    ObjectNode doc = Json.object();
    doc.putArray("services").add(service);
    return doc;
  }

  private static ObjectNode option(ArrayNode options, String code, String type, String name, String description) {
    ObjectNode o = options.addObject();
    o.put("code", code);
    o.put("type", type);
    o.put("name", name);
    o.put("description", description);
    return o;
  }
}
