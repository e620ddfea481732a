package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.Feedback;
import java.time.Clock;
import java.util.List;

/**
 * Feedback on a card the service returned, only when asked: it writes to the service. A service
 * MAY offer a feedback endpoint, so not having one is a warning at most.
 */
final class FeedbackProbe implements Probe {
  static final String ID = "hooks:feedback";

  private final Target target;
  private final TestedService service;
  private final Clock clock;
  private final Check check;

  FeedbackProbe(Target target, TestedService service, Clock clock) {
    this.target = target;
    this.service = service;
    this.clock = clock;
    this.check = Check.of(ID, Level.MAY, Area.SERVICE, service.id(), "feedback on a returned card gets 200",
        "CDS Hooks, Feedback: \"A CDS Service MAY support a feedback endpoint\"");
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  private boolean applies() {
    return target.settings().withFeedback() && service.testable();
  }

  @Override
  public List<PlannedRequest> plan() {
    if (!applies()) {
      return List.of();
    }
    return List.of(new PlannedRequest("POST", target.endpoints().service(service.id()).toString(),
            "the generated request, for a card uuid"),
        new PlannedRequest("POST", target.endpoints().feedback(service.id()).toString(),
            "feedback: the first card with a uuid, overridden"));
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (!target.settings().withFeedback()) {
      return List.of(check.skip("feedback writes to the service and was not asked for"));
    }
    if (!service.testable()) {
      return List.of(check.skip(service.unavailable()));
    }
    Session.Sent call = session.postJson(target.endpoints().service(service.id()), service.request(),
        Session.Auth.CONFIGURED, "a card to give feedback on");
    String uuid = firstCardUuid(call.json());
    if (call.status() != 200 || uuid == null) {
      return List.of(check.skip(call.status() != 200 ? "the hook call got HTTP " + call.status() + ", no cards"
          : "no card with a uuid came back, and feedback names a card by its uuid").with(call.exchange()));
    }
    Feedback entry = new Feedback(uuid, Feedback.Outcome.overridden, List.of(), null, null, clock.instant());
    Session.Sent sent = session.postJson(target.endpoints().feedback(service.id()), Feedback.body(List.of(entry)),
        Session.Auth.CONFIGURED, check.title());
    CheckResult r;
    if (!sent.answered()) {
      r = check.error("no answer: " + sent.exchange().failure());
    } else if (sent.status() / 100 == 2) {
      r = check.pass("HTTP " + sent.status() + " for an overridden card");
    } else {
      r = check.notMet("HTTP " + sent.status() + (sent.status() == 404 || sent.status() == 405
          ? ": no feedback endpoint (a service MAY offer one)" : " for valid CDS Hooks 2.0 feedback"));
    }
    return List.of(r.with(call.exchange(), sent.exchange()));
  }

  private static String firstCardUuid(JsonNode body) {
    if (body == null) {
      return null;
    }
    for (JsonNode card : body.path("cards")) {
      if (card.path("uuid").isTextual() && !card.path("uuid").asText().isBlank()) {
        return card.path("uuid").asText();
      }
    }
    return null;
  }
}
