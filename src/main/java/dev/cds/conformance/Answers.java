package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.validate.CrdScope;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import java.util.List;

/**
 * Judging a service's answer to a hook call by the validator's rules, the one source of them.
 * CDS Hooks checks count only the CDS Hooks rules; the CRD rules (ids starting {@code crd}) are
 * judged by the CRD checks, one requirement each.
 */
final class Answers {
  private Answers() {}

  /**
   * What is wrong with a hook call's answer: null when it is a 200 with a response valid by the
   * CDS Hooks rules, else one line saying why not. {@code findings} receives every finding of
   * the validator, CRD ones included (for a CRD service, judged with what the request asked).
   */
  static String problem(Target target, Session.Sent sent, List<Finding> findings, TestedService service,
      JsonNode request) {
    if (!sent.answered()) {
      return "no answer: " + sent.exchange().failure();
    }
    if (sent.status() != 200) {
      return "expected HTTP 200, got " + sent.status();
    }
    JsonNode body = sent.json();
    if (body == null || !body.isObject()) {
      return "HTTP 200 but the body is not a JSON object";
    }
    CrdScope scope = service.crd()
        ? CrdScope.forResponse(request, service.service().node(), target.settings().suite() == TestSettings.Suite.CRD)
        : CrdScope.AUTO;
    List<Finding> found = target.validator().validate(body, DocumentKind.RESPONSE,
        target.settings().validation().withCrd(scope));
    findings.addAll(found);
    List<Finding> errors = hooks(found).stream().filter(Finding::isError).toList();
    if (!errors.isEmpty()) {
      return errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the response: " + errors.get(0);
    }
    return null;
  }

  /** A rule of Da Vinci CRD: its requirement keys ({@code crd:…}) and structure invariants ({@code crd-ci-q1} …). */
  static boolean crd(Finding f) {
    return f.rule().startsWith("crd");
  }

  /** The findings by CDS Hooks rules alone. */
  static List<Finding> hooks(List<Finding> findings) {
    return findings.stream().filter(f -> !crd(f)).toList();
  }

  /** One note per finding, e.g. "warning /cards/0 … [rule]"; notes of the validator's own kind are left out. */
  static List<String> notes(List<Finding> findings) {
    return findings.stream().filter(f -> !f.isNote()).map(f -> Excerpts.clean(f.toString())).toList();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
