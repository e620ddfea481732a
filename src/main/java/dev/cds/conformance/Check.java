package dev.cds.conformance;

import java.util.List;

/**
 * One line of a conformance report before it is judged: the rule it stands for and what it asks.
 *
 * @param id the rule's id: a CDS Hooks section or invariant ({@code hooks:…}), or a Da Vinci CRD
 *     requirement key ({@code crd:hook-13})
 * @param subject the service id the check is about, or null for the server as a whole
 * @param title what is checked, in a few words ("malformed JSON gets 400")
 * @param source where the rule is written, for the evidence ("CDS Hooks 2.0, Trusting CDS Clients")
 * @param covers further requirement ids the same check shows met or not
 */
public record Check(String id, Level level, Area area, String subject, String title, String source, List<String> covers) {
  public Check {
    covers = covers == null ? List.of() : List.copyOf(covers);
  }

  public static Check of(String id, Level level, Area area, String subject, String title, String source) {
    return new Check(id, level, area, subject, title, source, List.of());
  }

  public Check covering(String... ids) {
    return new Check(id, level, area, subject, title, source, List.of(ids));
  }

  public CheckResult pass(String reason) {
    return result(Outcome.PASS, reason);
  }

  /** The rule is not met: a fail for a SHALL, a warn for a SHOULD or MAY. */
  public CheckResult notMet(String reason) {
    return result(level == Level.SHALL ? Outcome.FAIL : Outcome.WARN, reason);
  }

  public CheckResult skip(String reason) {
    return result(Outcome.SKIP, reason);
  }

  public CheckResult error(String reason) {
    return result(Outcome.ERROR, reason);
  }

  public CheckResult result(Outcome outcome, String reason) {
    return new CheckResult(this, outcome, reason, List.of(), List.of());
  }
}
