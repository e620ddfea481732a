package dev.cds.conformance;

import dev.cds.core.SpecVersion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a conformance run is asked to do, free of the command line.
 *
 * @param suite the suite asked for, or null: CDS Hooks, plus CRD for services that advertise it
 * @param spec the CDS Hooks version the checks follow
 * @param services only these service ids (empty: all)
 * @param hooks only services of these hooks (empty: all)
 * @param repeat sequential calls per service for the timing check
 * @param p90Budget the p90 every service must keep to, or null for the defaults (5 s; CRD appointment-book 10 s)
 * @param withFeedback also send feedback (it writes to the service)
 * @param strict warnings fail the run
 */
public record TestSettings(Suite suite, SpecVersion spec, List<String> services, List<String> hooks, int repeat,
    Duration p90Budget, boolean withFeedback, boolean strict) {

  /** The suites {@code cds test} knows. */
  public enum Suite {
    CDS_HOOKS,
    CRD;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static final Duration DEFAULT_P90 = Duration.ofSeconds(5);
  /** CRD foundation.md (found-2): appointment-book gets 10 s. */
  public static final Duration CRD_APPOINTMENT_P90 = Duration.ofSeconds(10);

  public TestSettings {
    services = services == null ? List.of() : List.copyOf(services);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    spec = spec == null ? SpecVersion.DEFAULT : spec;
  }

  public boolean v3() {
    return spec.atLeast(SpecVersion.V3_0);
  }

  /** How documents are validated: by the rules of this run's CDS Hooks version. */
  public dev.cds.validate.Validator.Options validation() {
    return dev.cds.validate.Validator.Options.of(false).withSpec(spec);
  }
}
