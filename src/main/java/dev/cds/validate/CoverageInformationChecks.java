package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.crd.CrdCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The coverage-information extension (CRD 2.2.1 fsh/extensions/CoverageInformation.fsh): its
 * elements, cardinalities, value types and codes, the invariants crd-ci-q1…q9, and, across one
 * response, distinct assertion ids for distinct coverages (resp-32).
 */
final class CoverageInformationChecks {
  private record Element(int min, int max, List<String> types, List<String> codes) {}

  private static final int MANY = Integer.MAX_VALUE;
  private static final Map<String, Element> ELEMENTS = elements();
  private static final Map<String, Element> DETAIL = Map.of(
      "category", new Element(1, 1, List.of("valueCode"), CrdCodes.DETAIL_CATEGORY),
      "code", new Element(1, 1, List.of("valueCodeableConcept"), null),
      "value", new Element(1, 1, List.of("valueBoolean", "valueString", "valueUrl", "valueQuantity", "valuePeriod"), null),
      "qualification", new Element(0, 1, List.of("valueString"), null));
  private static final Pattern DATE = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?");
  private static final List<String> DTR_DOCUMENTATION = List.of("clinical", "admin", "patient");
  private static final List<String> NOT_LATER_DOCUMENTATION = List.of("clinical", "admin");

  private final Findings out;
  /** coverage-assertion-id / satisfied-pa-id → the coverage it was first given for, and where. */
  private final Map<String, String[]> ids = new HashMap<>();

  CoverageInformationChecks(Findings out) {
    this.out = out;
  }

  private static Map<String, Element> elements() {
    Map<String, Element> m = new LinkedHashMap<>();
    m.put("coverage", new Element(1, 1, List.of("valueReference"), null));
    m.put("covered", new Element(1, 1, List.of("valueCode"), CrdCodes.COVERED));
    m.put("pa-needed", new Element(0, 1, List.of("valueCode"), CrdCodes.PA_NEEDED));
    m.put("doc-needed", new Element(0, MANY, List.of("valueCode"), CrdCodes.DOC_NEEDED));
    m.put("doc-purpose", new Element(0, MANY, List.of("valueCode"), CrdCodes.DOC_PURPOSE));
    m.put("info-needed", new Element(0, MANY, List.of("valueCode"), CrdCodes.INFO_NEEDED));
    m.put("billingCode", new Element(0, MANY, List.of("valueCoding"), null));
    m.put("reason", new Element(0, MANY, List.of("valueCodeableConcept"), null));
    m.put("detail", new Element(0, MANY, List.of(), null));
    m.put("dependency", new Element(0, MANY, List.of("valueReference"), null));
    m.put("questionnaire", new Element(0, MANY, List.of("valueCanonical"), null));
    m.put("date", new Element(1, 1, List.of("valueDate"), null));
    m.put("coverage-assertion-id", new Element(1, 1, List.of("valueString"), null));
    m.put("satisfied-pa-id", new Element(0, 1, List.of("valueString"), null));
    m.put("contact", new Element(0, MANY, List.of("valueContactDetail"), null));
    m.put("expiry-date", new Element(0, 1, List.of("valueDate"), null));
    return m;
  }

  /** One coverage-information extension at {@code at}; {@code hook} (or null) decides the hook-19 rule. */
  void check(String at, JsonNode ext, String hook) {
    Map<String, List<JsonNode>> values = elements(at, ext, ELEMENTS);
    String covered = code(values, "covered");
    String pa = code(values, "pa-needed");
    List<String> docNeeded = codes(values, "doc-needed");
    List<String> docPurpose = codes(values, "doc-purpose");
    List<String> infoNeeded = codes(values, "info-needed");
    boolean reason = !values.get("reason").isEmpty();
    List<String> decisions = new ArrayList<>(docNeeded);
    decisions.add(covered);
    decisions.add(pa);

    if (!values.get("questionnaire").isEmpty() && docNeeded.isEmpty()) {
      out.error(CrdRules.CI_Q1, at, "a questionnaire is named but 'doc-needed' is absent: questionnaires go with"
          + " documentation needs");
    }
    if ("not-covered".equals(covered) && pa != null) {
      out.error(CrdRules.CI_Q2, at, "'covered' is not-covered, so 'pa-needed' must be absent (it is " + pa + ")");
    }
    if (decisions.contains("conditional") && infoNeeded.isEmpty()) {
      out.error(CrdRules.CI_Q3, at, "a decision is 'conditional': say what would settle it in 'info-needed'");
    } else if (!infoNeeded.isEmpty() && !decisions.contains("conditional")) {
      // the expression only demands the first direction; the description says "if and only if"
      out.warning(CrdRules.CI_Q3, at, "'info-needed' is given but no decision is 'conditional' (crd-ci-q3's"
          + " description: info-needed exists if and only if covered, pa-needed or doc-needed is conditional)");
    }
    // crd-ci-q4 as written compares pa-needed with 'noauth' and 'not-covered', codes pa-needed does
    // not have (its codes are no-auth …; not-covered belongs to 'covered'), so it never fires. Its
    // intent: no documentation for prior authorization when none is needed or nothing is covered.
    boolean noPa = "satisfied".equals(pa) || "no-auth".equals(pa) || "not-covered".equals(covered);
    if (noPa && docPurpose.contains("withpa")) {
      out.error(CrdRules.CI_Q4, at, "'doc-purpose' withpa while " + ("not-covered".equals(covered) && !"satisfied".equals(pa)
          && !"no-auth".equals(pa) ? "covered is not-covered" : "pa-needed is " + pa) + ": no prior authorization will"
          + " carry that documentation (crd-ci-q4's intent; as written it compares against 'noauth' and"
          + " 'not-covered', which pa-needed does not have)");
    }
    boolean satisfiedId = !values.get("satisfied-pa-id").isEmpty();
    if ("satisfied".equals(pa) != satisfiedId) {
      out.error(CrdRules.CI_Q5, at, satisfiedId ? "'satisfied-pa-id' is given but pa-needed is "
          + (pa == null ? "absent" : pa) + ": it goes only with pa-needed satisfied"
          : "pa-needed is satisfied: give the authorization number in 'satisfied-pa-id'");
    }
    if (infoNeeded.contains("OTH") && !reason) {
      out.error(CrdRules.CI_Q6, at, "info-needed is OTH: explain what is needed in a 'reason'");
    }
    for (JsonNode r : values.get("reason")) {
      reasonCoded(at, r.path("valueCodeableConcept"));
    }
    // as written: doc-purpose never takes 'conditional', so any doc-purpose needs a reason
    boolean purpose = false;
    for (String p : docPurpose) {
      purpose |= !p.equals("conditional");
    }
    if (purpose && !reason) {
      out.error(CrdRules.CI_Q8, at, "'doc-purpose' is given: give a 'reason' saying why the documentation is needed");
    }
    if (decisions.contains("indeterminate") && !reason) {
      out.error(CrdRules.CI_Q9, at, "a decision is 'indeterminate': give a 'reason' for what prevents one"
          + " (e.g. the code 'technical')");
    }
    if (anyIn(docNeeded, DTR_DOCUMENTATION) && values.get("questionnaire").isEmpty()) {
      out.warning(CrdRules.RESP_38, at, "documentation is needed (" + String.join(", ", docNeeded) + "): name the"
          + " questionnaire(s) to complete in 'questionnaire'");
    }
    if (hook != null && CrdCodes.SECONDARY_HOOKS.contains(hook)
        && anyIn(docNeeded, NOT_LATER_DOCUMENTATION)) {
      out.error(CrdRules.HOOK_19, at, hook + " is a secondary hook: its coverage information must not ask for"
          + " clinical or administrative documentation (that comes later in the process)");
    }
    String coverage = reference(values, "coverage");
    distinct(at, "coverage-assertion-id", values, coverage);
    distinct(at, "satisfied-pa-id", values, coverage);
  }

  /**
   * The sub-extensions by url, each checked for a known url, one value of the right type and a
   * code of the bound value set; then cardinality.
   */
  private Map<String, List<JsonNode>> elements(String at, JsonNode ext, Map<String, Element> defs) {
    Map<String, List<JsonNode>> found = new LinkedHashMap<>();
    for (String k : defs.keySet()) {
      found.put(k, new ArrayList<>());
    }
    JsonNode subs = ext.path("extension");
    for (int i = 0; i < subs.size(); i++) {
      JsonNode sub = subs.get(i);
      String sat = Pointer.index(Pointer.field(at, "extension"), i);
      String url = sub.path("url").asText("");
      Element def = defs.get(url);
      if (def == null) {
        out.error(CrdRules.RESP_52, sat, "'" + url + "' is not an element of " + (defs == DETAIL ? "detail" : "coverage-information")
            + "; its elements are " + String.join(", ", defs.keySet()));
        continue;
      }
      found.get(url).add(sub);
      if (url.equals("detail")) {
        detail(sat, sub);
      } else {
        value(sat, url, sub, def);
      }
    }
    for (Map.Entry<String, Element> e : defs.entrySet()) {
      int n = found.get(e.getKey()).size();
      if (n < e.getValue().min()) {
        out.error(CrdRules.RESP_52, at, (defs == DETAIL ? "a 'detail'" : "coverage-information") + " needs '"
            + e.getKey() + "'");
      } else if (n > e.getValue().max()) {
        out.error(CrdRules.RESP_52, at, "'" + e.getKey() + "' appears " + n + " times: at most once");
      }
    }
    return found;
  }

  private void detail(String at, JsonNode detail) {
    if (valueMember(detail) != null) {
      out.error(CrdRules.RESP_52, at, "a 'detail' has no value of its own: category, code, value and qualification"
          + " are its sub-extensions");
    }
    elements(at, detail, DETAIL);
  }

  private void value(String at, String url, JsonNode sub, Element def) {
    String member = valueMember(sub);
    if (member == null || !def.types().contains(member)) {
      out.error(CrdRules.RESP_52, at, "'" + url + "' takes " + String.join(" or ", def.types())
          + (member == null ? " (it has none)" : ", not " + member));
      return;
    }
    JsonNode v = sub.get(member);
    String pat = Pointer.field(at, member);
    switch (member) {
      case "valueCode" -> {
        if (def.codes() != null && !def.codes().contains(v.asText())) {
          out.error(CrdRules.RESP_52, pat, "'" + v.asText() + "' is not a code of " + url + ": "
              + String.join(" | ", def.codes()));
        }
      }
      case "valueDate" -> {
        if (!v.isTextual() || !DATE.matcher(v.asText()).matches()) {
          out.error(CrdRules.RESP_52, pat, "'" + url + "' is a FHIR date (YYYY-MM-DD), not " + v);
        }
      }
      case "valueString", "valueCanonical", "valueUrl" -> {
        if (!v.isTextual() || v.asText().isBlank()) {
          out.error(CrdRules.RESP_52, pat, "'" + url + "' is a non-empty string");
        }
      }
      case "valueReference" -> {
        String ref = v.path("reference").asText("");
        if (ref.isBlank()) {
          out.error(CrdRules.RESP_52, pat, "'" + url + "' needs a 'reference', e.g. \"Coverage/123\"");
        } else if (url.equals("coverage") && !ref.matches("(.*/)?Coverage/[^/]+(/_history/.*)?")) {
          out.error(CrdRules.RESP_52, Pointer.field(pat, "reference"), "'coverage' refers to the Coverage the"
              + " assertion is about, not " + ref);
        }
      }
      default -> { }
    }
  }

  private void reasonCoded(String at, JsonNode concept) {
    if (concept.path("text").isTextual() && !concept.path("text").asText().isBlank()) {
      return;
    }
    for (JsonNode c : concept.path("coding")) {
      String system = c.path("system").asText();
      // the CRD value set (temp codes); the same codes now live in v3-ActReason (prof-15)
      if ((CrdCodes.TEMP_SYSTEM.equals(system) || CrdCodes.ACT_REASON_SYSTEM.equals(system))
          && CrdCodes.ASSERTION_REASONS.contains(c.path("code").asText())) {
        return;
      }
    }
    out.error(CrdRules.CI_Q7, at, "a 'reason' without text must be coded from the CRD coverage assertion reasons ("
        + String.join(", ", CrdCodes.ASSERTION_REASONS) + "): add 'text' to explain any other code");
  }

  private void distinct(String at, String url, Map<String, List<JsonNode>> values, String coverage) {
    for (JsonNode sub : values.get(url)) {
      String id = sub.path("valueString").asText(null);
      if (id == null || coverage == null) {
        continue;
      }
      String[] first = ids.putIfAbsent(url + "\n" + id, new String[] {coverage, at});
      if (first != null && !first[0].equals(coverage)) {
        out.error(CrdRules.RESP_32, at, url + " '" + id + "' is also given for " + first[0] + " at " + first[1]
            + ": assertions about different coverages have distinct ids");
      }
    }
  }

  private static String valueMember(JsonNode sub) {
    for (Iterator<String> it = sub.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (f.startsWith("value")) {
        return f;
      }
    }
    return null;
  }

  private static String code(Map<String, List<JsonNode>> values, String url) {
    List<String> all = codes(values, url);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<String> codes(Map<String, List<JsonNode>> values, String url) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : values.get(url)) {
      if (v.path("valueCode").isTextual()) {
        out.add(v.get("valueCode").asText());
      }
    }
    return out;
  }

  private static boolean anyIn(List<String> codes, List<String> of) {
    for (String c : codes) {
      if (of.contains(c)) {
        return true;
      }
    }
    return false;
  }

  private static String reference(Map<String, List<JsonNode>> values, String url) {
    List<JsonNode> v = values.get(url);
    return v.isEmpty() ? null : v.get(0).path("valueReference").path("reference").asText(null);
  }
}
