package dev.cds.conformance;

import java.util.List;

/**
 * A unit of a conformance run: the checks it judges, the requests it may send (listed before
 * anything is sent), and the run itself. One probe may judge several checks from the same
 * answers (a CRD service's configuration options share one baseline call).
 */
public interface Probe {
  List<Check> checks();

  /** Every request {@link #run} may send; it may send fewer (a check skipped on the way). */
  List<PlannedRequest> plan();

  /** One result per check, in the order of {@link #checks()}. */
  List<CheckResult> run(Session session);
}
