package dev.cds.prefetch;

import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.util.Locale;

/**
 * Which prefetch token grammar cds accepts ({@code --prefetch-tokens}). The user tokens
 * ({@code {{userPractitionerId}}} …) are part of every rule set.
 */
public enum TokenRules {
  /** CDS Hooks 2.0: root-level primitive context fields marked as prefetch tokens. */
  V2("2.0", false, false),
  /** Da Vinci CRD 2.0.x: 2.0 plus {@code {{context.KEY.TYPE.id}}}. */
  CRD("crd", true, false),
  /** The CDS Hooks 3.0 ballot's simpler FHIRPath (CRD 2.1+); it subsumes the 2.0 tokens. */
  FHIRPATH("fhirpath", false, true),
  /** The default: whatever parses under any of the above. */
  ALL("all", true, true);

  private final String label;
  private final boolean crd;
  private final boolean fhirPath;

  TokenRules(String label, boolean crd, boolean fhirPath) {
    this.label = label;
    this.crd = crd;
    this.fhirPath = fhirPath;
  }

  public String label() {
    return label;
  }

  public boolean crd() {
    return crd;
  }

  public boolean fhirPath() {
    return fhirPath;
  }

  /** {@code 2.0}, {@code crd}, {@code fhirpath} or {@code all}; anything else is a usage error. */
  public static TokenRules parse(String text) {
    if (text == null) {
      return ALL;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (TokenRules r : values()) {
      if (r.label.equals(t)) {
        return r;
      }
    }
    if (t.equals("2") || t.equals("v2") || t.equals("cds-hooks-2.0")) {
      return V2;
    }
    throw CdsException.usage("unknown {0} '{1}': use 2.0, crd, fhirpath or all", Setting.PREFETCH_TOKENS, text);
  }
}
