package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/** A call to a service id the server does not offer gets 404 (RFC 9110 §15.5.5). */
final class UnknownServiceProbe implements Probe {
  static final String ID = "hooks:calling-a-cds-service.unknown-id";

  private final URI uri;
  private final Supplier<JsonNode> request;
  private final Check check = Check.of(ID, Level.SHOULD, Area.DISCOVERY, null, "an unknown service id gets 404",
      "CDS Hooks, Calling a CDS Service ({baseUrl}/cds-services/{service.id}); RFC 9110 §15.5.5: 404 Not Found");

  /** @param uri {base}/cds-services/{an id no service has} */
  UnknownServiceProbe(URI uri, Supplier<JsonNode> request) {
    this.uri = uri;
    this.request = request;
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  @Override
  public List<PlannedRequest> plan() {
    return List.of(new PlannedRequest("POST", uri.toString(), "a hook request to a service id nobody offers"));
  }

  @Override
  public List<CheckResult> run(Session session) {
    Session.Sent sent = session.postJson(uri, request.get(), Session.Auth.CONFIGURED, check.title());
    CheckResult r = !sent.answered() ? check.error("no answer: " + sent.exchange().failure())
        : sent.status() == 404 ? check.pass("HTTP 404")
        : check.notMet("expected HTTP 404, got " + sent.status());
    return List.of(r.with(sent.exchange()));
  }
}
