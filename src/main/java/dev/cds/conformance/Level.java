package dev.cds.conformance;

/** The conformance verb of the rule a check stands for: whether missing it fails the run. */
public enum Level {
  SHALL,
  SHOULD,
  MAY
}
