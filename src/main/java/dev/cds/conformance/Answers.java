package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import java.util.List;

/** Judging a service's answer to a hook call by the validator's rules, the one source of them. */
final class Answers {
  private Answers() {}

  /**
   * What is wrong with a hook call's answer: null when it is a 200 with a valid CDS Hooks response,
   * else one line saying why not. {@code findings} receives the validator's findings (warnings too).
   */
  static String problem(Target target, Session.Sent sent, List<Finding> findings) {
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
    List<Finding> found = target.validator().validate(body, DocumentKind.RESPONSE, target.settings().validation());
    findings.addAll(found);
    List<Finding> errors = found.stream().filter(Finding::isError).toList();
    if (!errors.isEmpty()) {
      return errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the response: " + errors.get(0);
    }
    return null;
  }

  /** One note per finding, e.g. "warning /cards/0 … [rule]". */
  static List<String> notes(List<Finding> findings) {
    return findings.stream().map(f -> Excerpts.clean(f.toString())).toList();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
