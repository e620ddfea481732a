package dev.cds.conformance;

import dev.cds.core.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --repeat N} sequential calls with the generated request; their 90th percentile must keep
 * to the budget. CRD makes it a SHALL (found-2: 5 s, 10 s for appointment-book); CDS Hooks asks
 * only that services answer quickly.
 */
final class TimingProbe implements Probe {
  static final String ID = "hooks:response-time";
  static final String CRD_ID = "crd:found-2";

  private final Target target;
  private final TestedService service;
  private final Duration budget;
  private final Check check;

  TimingProbe(Target target, TestedService service) {
    this.target = target;
    this.service = service;
    TestSettings s = target.settings();
    this.budget = s.p90Budget() != null ? s.p90Budget()
        : service.crd() && "appointment-book".equals(service.hook()) ? TestSettings.CRD_APPOINTMENT_P90 : TestSettings.DEFAULT_P90;
    String title = "p90 of " + Answers.count(s.repeat(), "sequential call") + " within " + Durations.format(budget);
    this.check = service.crd()
        ? Check.of(CRD_ID, Level.SHALL, Area.CRD, service.id(), title, "CRD foundation.md found-2: \"CRD servers SHALL"
            + " return responses for all supported hooks and SHALL respond within the required time 90% of the time\"")
        : Check.of(ID, Level.SHOULD, Area.SERVICE, service.id(), title, "CDS Hooks, Providing FHIR Resources to a CDS"
            + " Service: \"CDS Services SHOULD respond quickly (on the order of 500 ms.)\"");
  }

  @Override
  public List<Check> checks() {
    return List.of(check);
  }

  @Override
  public List<PlannedRequest> plan() {
    return service.testable() ? PlannedRequest.times(target.settings().repeat(), "POST",
        target.endpoints().service(service.id()).toString(), "timing: the generated request, one call after another")
        : List.of();
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (!service.testable()) {
      return List.of(check.skip(service.unavailable()));
    }
    int n = target.settings().repeat();
    if (n <= 0) {
      return List.of(check.skip("no timing calls asked for"));
    }
    List<Long> millis = new ArrayList<>();
    List<Exchange> failed = new ArrayList<>();
    Exchange last = null;
    for (int i = 0; i < n; i++) {
      Session.Sent sent = session.postJson(target.endpoints().service(service.id()), service.request(),
          Session.Auth.CONFIGURED, "timing " + (i + 1) + "/" + n);
      last = sent.exchange();
      if (sent.status() == 200) {
        millis.add(sent.exchange().elapsedMillis());
      } else {
        failed.add(sent.exchange());
      }
    }
    CheckResult r = judge(millis, n).with(failed.isEmpty() ? List.of(last) : failed.subList(0, Math.min(3, failed.size())));
    if (service.crd() && target.settings().p90Budget() == null
        && ("order-sign".equals(service.hook()) || "order-dispatch".equals(service.hook()))) {
      r = r.note("CRD allows 10 s for " + service.hook() + " when the call comes at least 24 hours after the last one"
          + " for the same patient and ordering organisation (found-2); a test run cannot reproduce that, so the 5 s"
          + " budget applies");
    }
    return List.of(r);
  }

  private CheckResult judge(List<Long> millis, int n) {
    if (millis.isEmpty()) {
      return check.notMet("none of the " + n + " calls got HTTP 200");
    }
    List<Long> sorted = millis.stream().sorted().toList();
    long p90 = percentile(sorted, 90);
    String figures = "p90 " + p90 + " ms (min " + sorted.get(0) + ", median " + percentile(sorted, 50) + ", max "
        + sorted.get(sorted.size() - 1) + " ms) over " + Answers.count(sorted.size(), "call");
    if (millis.size() < n) {
      return check.notMet((n - millis.size()) + " of " + n + " calls did not get HTTP 200; " + figures);
    }
    return p90 <= budget.toMillis()
        ? check.pass(figures + ", budget " + Durations.format(budget))
        : check.notMet(figures + ": over the budget of " + Durations.format(budget));
  }

  /** The nearest-rank percentile: the smallest value at or above {@code pct}% of the values. */
  static long percentile(List<Long> sorted, int pct) {
    int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
