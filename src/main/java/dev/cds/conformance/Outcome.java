package dev.cds.conformance;

import java.util.Locale;

/** What a check found. */
public enum Outcome {
  PASS("✓"),
  /** The service broke the rule. */
  FAIL("✗"),
  /** A SHOULD or MAY that is not met. */
  WARN("!"),
  /** Not run, with a reason (an option not given, nothing to judge). */
  SKIP("–"),
  /** Could not be judged: the service's answer made no sense for this check. */
  ERROR("✗");

  private final String symbol;

  Outcome(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The lower-case name used in JSON and JUnit output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
