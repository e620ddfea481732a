package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.validate.Finding;
import java.util.ArrayList;
import java.util.List;

/** The service answers the request cds generates for its hook with 200 and a valid response. */
final class GeneratedRequestProbe implements Probe {
  static final String ID = "hooks:cds-service-response";

  private final Target target;
  private final TestedService service;
  private final Check check;

  GeneratedRequestProbe(Target target, TestedService service) {
    this.target = target;
    this.service = service;
    this.check = Check.of(ID, Level.SHALL, Area.SERVICE, service.id(),
        "a generated " + service.hook() + " request: 200, valid response",
        "CDS Hooks, CDS Service Response: \"CDS Services SHALL respond with a 200 HTTP response with an object"
            + " containing a cards array\"");
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  @Override
  public List<PlannedRequest> plan() {
    return service.testable()
        ? List.of(new PlannedRequest("POST", target.endpoints().service(service.id()).toString(),
            "the generated " + service.hook() + " request"))
        : List.of();
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (!service.testable()) {
      return List.of(check.skip(service.unavailable()));
    }
    ObjectNode request = service.request();
    Session.Sent sent = session.postJson(target.endpoints().service(service.id()), request, Session.Auth.CONFIGURED,
        check.title());
    List<Finding> findings = new ArrayList<>();
    String problem = Answers.problem(target, sent, findings, service, request);
    CheckResult r = problem == null
        ? check.pass("HTTP 200 with " + Answers.count(sent.json().path("cards").size(), "card") + ", valid")
        : check.notMet(problem);
    return List.of(r.with(sent.exchange()).notes(requestNotes(service))
        .notes(Answers.notes(Answers.hooks(findings))));
  }

  /** What cds could not fill in: prefetch keys not fulfilled, its own request's findings. */
  static List<String> requestNotes(TestedService s) {
    List<String> notes = new ArrayList<>(s.call().prefetch().warnings().stream().map(Excerpts::clean).toList());
    Answers.hooks(s.call().requestFindings()).stream().filter(f -> !f.isNote())
        .forEach(f -> notes.add("the generated request: " + Excerpts.clean(f.toString())));
    return notes;
  }
}
