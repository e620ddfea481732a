package dev.cds.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One coverage-information extension read for people: what it says about coverage, prior
 * authorization and documentation, and which questionnaires it asks for. Unreadable parts are
 * left null or empty; the validator reports them.
 */
public record CoverageAssertion(
    String coverage, String covered, String paNeeded, List<String> docNeeded, List<String> docPurpose,
    List<String> infoNeeded, List<String> questionnaires, String assertionId, String satisfiedPaId, String date) {

  /** Documentation codes that ask a person for information, which DTR gathers (found-4). */
  private static final List<String> DTR_CODES = List.of("clinical", "admin", "patient");

  /** Every coverage-information extension on a resource, in order. */
  public static List<CoverageAssertion> of(JsonNode resource) {
    List<CoverageAssertion> out = new ArrayList<>();
    for (JsonNode e : resource.path("extension")) {
      if (CrdCodes.COVERAGE_INFORMATION.equals(e.path("url").asText())) {
        out.add(new CoverageAssertion(first(e, "coverage"), first(e, "covered"), first(e, "pa-needed"),
            all(e, "doc-needed"), all(e, "doc-purpose"), all(e, "info-needed"), all(e, "questionnaire"),
            first(e, "coverage-assertion-id"), first(e, "satisfied-pa-id"), first(e, "date")));
      }
    }
    return out;
  }

  /**
   * "documentation needed: questionnaires X, Y — DTR would be launched" when the assertion asks
   * for clinical, administrative or patient documentation (resp-40); without questionnaires, DTR
   * chooses them itself.
   */
  public Optional<String> dtrHint() {
    List<String> needed = new ArrayList<>();
    for (String code : docNeeded) {
      if (DTR_CODES.contains(code)) {
        needed.add(code);
      }
    }
    if (needed.isEmpty()) {
      return Optional.empty();
    }
    String what = "documentation needed (" + String.join(", ", needed) + ")";
    if (questionnaires.isEmpty()) {
      return Optional.of(what + ": no questionnaire named — DTR would be launched to find them");
    }
    return Optional.of(what + ": " + (questionnaires.size() == 1 ? "questionnaire " : "questionnaires ")
        + String.join(", ", questionnaires) + " — DTR would be launched");
  }

  private static String first(JsonNode ext, String url) {
    List<String> values = all(ext, url);
    return values.isEmpty() ? null : values.get(0);
  }

  /** The {@code value[x]} of each sub-extension named {@code url}, as text (a Reference gives its reference). */
  private static List<String> all(JsonNode ext, String url) {
    List<String> out = new ArrayList<>();
    for (JsonNode sub : ext.path("extension")) {
      if (!url.equals(sub.path("url").asText())) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sub.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().startsWith("value")) {
          JsonNode v = f.getValue();
          out.add(v.isValueNode() ? v.asText() : v.has("reference") ? v.get("reference").asText() : v.toString());
          break;
        }
      }
    }
    return out;
  }
}
