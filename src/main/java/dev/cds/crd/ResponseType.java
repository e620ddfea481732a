package dev.cds.crd;

/** The response types of CRD 2.2.1 (cards.md, "Potential CRD Response Types"). */
public enum ResponseType {
  COVERAGE_INFORMATION("coverage-information", "Coverage Information"),
  EXTERNAL_REFERENCE("external-reference", "External Reference"),
  INSTRUCTIONS("instructions", "Instructions"),
  PROPOSE_ALTERNATE_REQUEST("propose-alternate-request", "Propose Alternate Request"),
  IDENTIFY_ADDITIONAL_ORDERS("identify-additional-orders", "Identify Additional Orders"),
  REQUEST_FORM_COMPLETION("request-form-completion", "Request Form Completion"),
  COVERAGE_RECORDS("create-update-coverage-records", "Create/Update Coverage Records"),
  LAUNCH_SMART("launch-smart", "Launch SMART"),
  /** Nothing CRD defines: e.g. a system action that touches neither an order nor a Coverage. */
  UNCLASSIFIED("unclassified", "Unclassified");

  private final String code;
  private final String label;

  ResponseType(String code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The token used in JSON output, e.g. {@code external-reference}. */
  public String code() {
    return code;
  }

  /** The guide's name, e.g. {@code External Reference}. */
  public String label() {
    return label;
  }
}
