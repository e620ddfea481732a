package dev.cds.crd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names and codes of Da Vinci CRD 2.2.1 that cds reads and checks: extension keys, the card
 * types of the CRD Response Types value set, the coverage-information codes, the hook categories.
 * Facts copied from the guide (fsh/codesystems, fsh/valuesets, hooks.md, deviations.md).
 */
public final class CrdCodes {
  private CrdCodes() {}

  /** Discovery: the CRD versions a service supports, e.g. ["2.1", "2.2"]. */
  public static final String VERSION = "davinci-crd.version";
  /** Discovery: the configuration options a service offers. */
  public static final String OPTIONS = "davinci-crd.configuration-options";
  /** Request: the configuration chosen, one property per option code. */
  public static final String CONFIGURATION = "davinci-crd.configuration";
  /** Request: the CRD version the response must follow. */
  public static final String REQUESTED_VERSION = "davinci-crd.requestedVersion";

  /** The CRD versions cds builds requests for (2.0 token prefetch, 2.1+ FHIRPath); its checks follow 2.2. */
  public static final List<String> SUPPORTED_VERSIONS = List.of("2.0", "2.1", "2.2");

  public static final String COVERAGE_INFORMATION =
      "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";
  /** The system of the CRD Response Types value set. */
  public static final String CARD_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/cdshooks-card-type";
  /** CRD's temporary code system: older card types and the coverage assertion reasons. */
  public static final String TEMP_SYSTEM = "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp";
  /** Where the assertion reasons now live (prof-15 asks servers to send these alongside). */
  public static final String ACT_REASON_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  /** The option (and card type) code that switches coverage information on or off. */
  public static final String COVERAGE_INFO_OPTION = "coverage-info";

  /** The CRD Response Types (card types) and their displays. */
  public static final Map<String, String> CARD_TYPES = cardTypes();

  /** Hooks that must return coverage information (hooks.md, "Hook Categories"). */
  public static final Set<String> PRIMARY_HOOKS = Set.of("appointment-book", "order-sign", "order-dispatch");
  /** Hooks where coverage information must not ask for clinical or administrative documentation. */
  public static final Set<String> SECONDARY_HOOKS = Set.of("order-select", "encounter-start", "encounter-discharge");

  // coverage-information value sets (fsh/valuesets/CoverageInformationValuesets.fsh)
  public static final List<String> COVERED = List.of("covered", "not-covered", "conditional", "indeterminate");
  public static final List<String> PA_NEEDED =
      List.of("no-auth", "auth-needed", "satisfied", "performpa", "conditional", "indeterminate");
  public static final List<String> DOC_NEEDED = List.of("clinical", "admin", "patient", "conditional", "indeterminate");
  public static final List<String> DOC_PURPOSE = List.of("withpa", "withclaim", "withorder", "retain-doc", "OTH");
  public static final List<String> INFO_NEEDED =
      List.of("performer", "location", "timeframe", "contract-window", "detail-code", "OTH");
  public static final List<String> DETAIL_CATEGORY = List.of("cat-limitation", "cat-decisional", "cat-other");
  public static final List<String> ASSERTION_REASONS =
      List.of("gold-card", "no-member-found", "no-active-coverage", "coverage-not-found", "auth-out-network", "technical");

  private static Map<String, String> cardTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("coverage-info", "Coverage Information");
    m.put("unsolicited-determ", "Unsolicited Determination");
    m.put("claim", "Claim");
    m.put("insurance", "Insurance");
    m.put("limits", "Limits");
    m.put("network", "Network");
    m.put("appropriate-use", "Appropriate Use");
    m.put("cost", "Cost");
    m.put("therapy-alternatives-opt", "Optional Therapy Alternatives");
    m.put("therapy-alternatives-req", "Required Therapy Alternatives");
    m.put("clinical-reminder", "Clinical Reminder");
    m.put("duplicate-therapy", "Duplicate Therapy");
    m.put("contraindication", "Contraindication");
    m.put("guideline", "Guideline");
    m.put("off-guideline", "Off Guideline");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** True for the two systems CRD card types come from. */
  public static boolean cardTypeSystem(String system) {
    return CARD_TYPE_SYSTEM.equals(system) || TEMP_SYSTEM.equals(system);
  }
}
