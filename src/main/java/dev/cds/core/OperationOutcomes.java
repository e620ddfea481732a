package dev.cds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The FHIR OperationOutcome that cds's own servers (CDS and FHIR) answer errors with. */
public final class OperationOutcomes {
  private OperationOutcomes() {}

  /** One error issue with a FHIR issue-type {@code code} and a human {@code diagnostics} text. */
  public static ObjectNode error(String code, String diagnostics) {
    ObjectNode oo = Json.object();
    oo.put("resourceType", "OperationOutcome");
    ObjectNode issue = oo.putArray("issue").addObject();
    issue.put("severity", "error");
    issue.put("code", code);
    issue.put("diagnostics", diagnostics);
    return oo;
  }
}
