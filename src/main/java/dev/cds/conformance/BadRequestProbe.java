package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.RandomIds;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requests a service must refuse with 400: a body that is not JSON, and a request for a hook the
 * service does not answer. HTTP says so (RFC 9110 §15.5.1), hence SHOULD under CDS Hooks; CRD
 * makes it a SHALL (hook-13). Under CDS Hooks 3.0 the answer SHOULD carry an OperationOutcome.
 */
final class BadRequestProbe implements Probe {
  static final String MALFORMED = "hooks:calling-a-cds-service.malformed-json";
  static final String WRONG_HOOK = "hooks:calling-a-cds-service.wrong-hook";
  static final String CRD_ID = "crd:hook-13";
  private static final String HTTP = "RFC 9110 §15.5.1: 400 Bad Request for a request the server cannot or will not"
      + " process because of a client error";
  private static final String CRD = "CRD hooks.md hook-13: \"400 - Bad Request - The request is not parsable as JSON"
      + " or the content fails validation against FHIR core or CDS Hooks specification rules\"";

  private final Target target;
  private final TestedService service;
  private final Check malformed;
  private final Check wrongHook;

  BadRequestProbe(Target target, TestedService service) {
    this.target = target;
    this.service = service;
    boolean crd = service.crd();
    this.malformed = check(crd ? CRD_ID : MALFORMED, crd, "malformed JSON gets 400");
    this.wrongHook = check(crd ? CRD_ID : WRONG_HOOK, crd, "a request for another hook gets 400");
  }

  private Check check(String id, boolean crd, String title) {
    Check c = Check.of(id, crd ? Level.SHALL : Level.SHOULD, crd ? Area.CRD : Area.SERVICE, service.id(), title,
        crd ? CRD : HTTP);
    return crd ? c.covering("crd:hook-9") : c;
  }

  @Override
  public List<Check> checks() {
    return List.of(malformed, wrongHook);
  }

  @Override
  public List<PlannedRequest> plan() {
    String url = target.endpoints().service(service.id()).toString();
    return List.of(new PlannedRequest("POST", url, "a body cut off in the middle (not JSON)"),
        new PlannedRequest("POST", url, "a request for the hook " + otherHook()));
  }

  @Override
  public List<CheckResult> run(Session session) {
    String cut = "{\"hook\": \"" + service.hook() + "\", \"hookInstance\": \"" + RandomIds.uuid() + "\", \"context\": {";
    Session.Sent first = session.post(target.endpoints().service(service.id()), cut.getBytes(StandardCharsets.UTF_8),
        Session.Auth.CONFIGURED, malformed.title());
    ObjectNode request = service.testable() ? service.request() : minimal();
    request.put("hook", otherHook());
    Session.Sent second = session.postJson(target.endpoints().service(service.id()), request, Session.Auth.CONFIGURED,
        wrongHook.title());
    return List.of(judge(malformed, first), judge(wrongHook, second));
  }

  private CheckResult judge(Check check, Session.Sent sent) {
    CheckResult r;
    if (!sent.answered()) {
      r = check.error("no answer: " + sent.exchange().failure());
    } else if (sent.status() != 400) {
      r = check.notMet("expected HTTP 400, got " + sent.status());
    } else if (!sent.operationOutcome() && target.settings().v3() && !service.crd()) {
      r = check.notMet("HTTP 400, but without an OperationOutcome, which CDS Hooks 3.0 asks for"
          + " (Returning OperationOutcome: SHOULD)");
    } else {
      r = check.pass("HTTP 400" + (sent.operationOutcome() ? " with an OperationOutcome" : ""));
      if (!sent.operationOutcome()) {
        r = r.note(service.crd() ? "no OperationOutcome: CRD servers SHOULD provide one (hook-13)"
            : "no OperationOutcome: CDS Hooks 3.0 asks for one on every error (SHOULD)");
      }
    }
    return r.with(sent.exchange());
  }

  /** A hook this service id does not answer, so the request is refused for its hook alone. */
  private String otherHook() {
    List<String> taken = target.discovery().withId(service.id()).stream().map(s -> s.hook()).toList();
    for (String h : List.of("patient-view", "order-sign", "order-select", "encounter-start")) {
      if (!taken.contains(h)) {
        return h;
      }
    }
    return "cds-test-unknown-hook";
  }

  private ObjectNode minimal() {
    ObjectNode n = dev.cds.core.Json.object();
    n.put("hookInstance", RandomIds.uuid().toString());
    n.putObject("context").put("patientId", "example").put("userId", "Practitioner/example");
    return n;
  }
}
