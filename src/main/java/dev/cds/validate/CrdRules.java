package dev.cds.validate;

/**
 * The rule ids of the Da Vinci CRD 2.2.1 checks. {@code crd:KEY} is the requirement of that key
 * in the guide's Requirements-fromNarrative; a bare id is an invariant of a CRD structure
 * definition ({@code crdver-1}, {@code crd-ci-q1} …). Every id here has fixtures that make it
 * pass and fail.
 */
final class CrdRules {
  private CrdRules() {}

  // discovery (deviations.md)
  static final String DEV_1 = "crd:dev-1";
  static final String CRDVER_1 = "crdver-1";
  static final String DEV_4 = "crd:dev-4";
  static final String DEV_5 = "crd:dev-5";
  static final String DEV_7 = "crd:dev-7";
  static final String DEV_8 = "crd:dev-8";
  static final String DEV_9 = "crd:dev-9";

  // requests (foundation.md, hooks.md, deviations.md)
  static final String HOOK_20 = "crd:hook-20";
  static final String FOUND_20 = "crd:found-20";
  static final String FOUND_22 = "crd:found-22";
  static final String FOUND_36 = "crd:found-36";
  static final String HOOK_24 = "crd:hook-24";
  static final String HOOK_31 = "crd:hook-31";
  static final String HOOK_35 = "crd:hook-35";
  static final String HOOK_37 = "crd:hook-37";
  static final String DEV_3 = "crd:dev-3";
  static final String DEV_12 = "crd:dev-12";
  static final String DEV_26 = "crd:dev-26";
  static final String DEV_29 = "crd:dev-29";

  // responses (cards.md, hooks.md)
  static final String RESP_3 = "crd:resp-3";
  static final String RESP_5 = "crd:resp-5";
  static final String RESP_13 = "crd:resp-13";
  static final String RESP_19 = "crd:resp-19";
  static final String RESP_24 = "crd:resp-24";
  static final String RESP_25 = "crd:resp-25";
  static final String RESP_32 = "crd:resp-32";
  static final String RESP_38 = "crd:resp-38";
  static final String RESP_52 = "crd:resp-52";
  static final String RESP_53 = "crd:resp-53";
  static final String RESP_70 = "crd:resp-70";
  static final String HOOK_16 = "crd:hook-16";
  static final String HOOK_19 = "crd:hook-19";
  static final String DEV_14 = "crd:dev-14";

  // coverage-information invariants (fsh/extensions/CoverageInformation.fsh)
  static final String CI_Q1 = "crd-ci-q1";
  static final String CI_Q2 = "crd-ci-q2";
  static final String CI_Q3 = "crd-ci-q3";
  static final String CI_Q4 = "crd-ci-q4";
  static final String CI_Q5 = "crd-ci-q5";
  static final String CI_Q6 = "crd-ci-q6";
  static final String CI_Q7 = "crd-ci-q7";
  static final String CI_Q8 = "crd-ci-q8";
  static final String CI_Q9 = "crd-ci-q9";
}
