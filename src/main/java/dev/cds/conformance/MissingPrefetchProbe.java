package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.validate.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Without prefetch and without fhirServer the service cannot get its data: it answers 412, or
 * still returns valid cards. A CRD service may also answer 400 or 422 with an OperationOutcome:
 * without prefetch it has no Coverage, which CRD answers with 400 (hook-13).
 */
final class MissingPrefetchProbe implements Probe {
  static final String ID = "hooks:prefetch-template.412";

  private final Target target;
  private final TestedService service;
  private final Check check;

  MissingPrefetchProbe(Target target, TestedService service) {
    this.target = target;
    this.service = service;
    this.check = Check.of(ID, Level.SHALL, Area.SERVICE, service.id(),
        "no prefetch, no fhirServer: 412 or valid cards",
        "CDS Hooks, Prefetch Template: \"If the CDS Service is unable to obtain required data because it cannot"
            + " access the FHIR server and the request did not contain the necessary prefetch keys, the service"
            + " SHALL respond with an HTTP 412 Precondition Failed status code\"");
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  private boolean applies() {
    return service.testable() && (service.call().request().has("prefetch") || service.call().request().has("fhirServer"));
  }

  @Override
  public List<PlannedRequest> plan() {
    return applies()
        ? List.of(new PlannedRequest("POST", target.endpoints().service(service.id()).toString(),
            "the generated request without prefetch, fhirServer and fhirAuthorization"))
        : List.of();
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (!service.testable()) {
      return List.of(check.skip(service.unavailable()));
    }
    if (!applies()) {
      return List.of(check.skip("the generated request carries neither prefetch nor fhirServer already"));
    }
    ObjectNode request = service.request();
    request.remove(List.of("prefetch", "fhirServer", "fhirAuthorization"));
    Session.Sent sent = session.postJson(target.endpoints().service(service.id()), request, Session.Auth.CONFIGURED,
        check.title());
    return List.of(judge(sent, request).with(sent.exchange()));
  }

  private CheckResult judge(Session.Sent sent, ObjectNode request) {
    if (sent.status() == 412) {
      return check.pass("HTTP 412 Precondition Failed");
    }
    if (service.crd() && (sent.status() == 400 || sent.status() == 422) && sent.operationOutcome()) {
      return check.pass("HTTP " + sent.status() + " with an OperationOutcome")
          .note("a CRD service without prefetch has no Coverage, and CRD answers that with 400 (hook-13; 422 also"
              + " accepted, hook-14)");
    }
    if (sent.status() == 200) {
      List<Finding> findings = new ArrayList<>();
      String problem = Answers.problem(target, sent, findings, service, request);
      return (problem == null ? check.pass("HTTP 200 with a valid response") : check.notMet(problem))
          .notes(Answers.notes(Answers.hooks(findings)));
    }
    return check.notMet(sent.answered()
        ? "expected 412 (or 200 with valid cards), got HTTP " + sent.status()
        : "no answer: " + sent.exchange().failure());
  }
}
