package dev.cds.call;

import dev.cds.cards.Expectation;
import dev.cds.core.ExitCode;
import dev.cds.model.ServiceOutcome;
import dev.cds.validate.Finding;
import java.util.List;

/**
 * What a call did, service by service, with the run-level notes (odd discovery, version
 * fallbacks) and the CI verdict.
 *
 * @param hook the hook called
 * @param byHook true when the user named a hook (output is then one envelope per service)
 * @param calls one per service, in discovery order
 * @param notes warnings about the run itself (discovery, versions), one line each
 * @param verdict the expectation's verdict, or null when none was asked or nothing was sent
 * @param blocked true when requests with errors were not sent
 */
public record CallResult(
    String hook, boolean byHook, List<ServiceCall> calls, List<String> notes, Expectation.Verdict verdict,
    boolean blocked) {

  public List<ServiceOutcome> outcomes() {
    return calls.stream().filter(ServiceCall::sent).map(ServiceCall::outcome).toList();
  }

  /**
   * 4 when any service failed (a failure never hides the others' findings, but it decides the
   * code), 1 for a blocked request, a failed expectation or, when strict, response findings; else 0.
   */
  public int exitCode(boolean strict) {
    boolean withFindings = false;
    for (ServiceCall c : calls) {
      if (c.failed()) {
        return ExitCode.SERVICE;
      }
      withFindings |= !c.responseFindings().isEmpty();
    }
    if (blocked) {
      return ExitCode.FINDINGS;
    }
    if (verdict != null && !verdict.passed()) {
      return ExitCode.FINDINGS;
    }
    if (strict && withFindings) {
      return ExitCode.FINDINGS;
    }
    return ExitCode.OK;
  }

  /** Every finding of every response, for {@code --strict} counts. */
  public long responseFindingCount() {
    return calls.stream().mapToLong(c -> c.responseFindings().size()).sum();
  }

  static boolean anyError(List<Finding> findings) {
    return findings.stream().anyMatch(Finding::isError);
  }
}
