package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Da Vinci CRD coverage-information extension on a systemAction's resource, read into the few
 * answers a user looks for: is it covered, is prior authorization or documentation needed, and
 * the assertion id to quote to the payer. One per extension instance (one per coverage).
 */
record CoverageInformation(
    String coverage, String covered, String paNeeded, String docNeeded, String assertionId, String date) {
  static final String URL = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";

  static List<CoverageInformation> of(JsonNode resource) {
    List<CoverageInformation> found = new ArrayList<>();
    for (JsonNode ext : resource.path("extension")) {
      if (URL.equals(ext.path("url").asText()) || ext.path("url").asText().endsWith("/ext-coverage-information")) {
        found.add(new CoverageInformation(
            value(ext, "coverage"), value(ext, "covered"), value(ext, "pa-needed"),
            value(ext, "doc-needed"), value(ext, "coverage-assertion-id"), value(ext, "date")));
      }
    }
    return found;
  }

  /** The first {@code value[x]} of a sub-extension, as text (a Reference gives its reference). */
  private static String value(JsonNode ext, String url) {
    for (JsonNode sub : ext.path("extension")) {
      if (!url.equals(sub.path("url").asText())) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = sub.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().startsWith("value")) {
          JsonNode v = f.getValue();
          if (v.isValueNode()) {
            return v.asText();
          }
          if (v.has("reference")) {
            return v.get("reference").asText();
          }
          return v.has("code") ? v.get("code").asText() : v.toString();
        }
      }
    }
    return null;
  }

  String summary() {
    return "covered: " + orDash(covered) + " · pa-needed: " + orDash(paNeeded) + " · doc-needed: "
        + orDash(docNeeded) + " · assertion: " + orDash(assertionId)
        + (coverage == null ? "" : " · " + coverage);
  }

  private static String orDash(String s) {
    return s == null ? "–" : s;
  }
}
