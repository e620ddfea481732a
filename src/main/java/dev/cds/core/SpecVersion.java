package dev.cds.core;

import java.util.List;
import java.util.Locale;

/**
 * The CDS Hooks specification versions cds speaks. 2.0 is the published one and the default; 3.0
 * ("R3 Normative", balloted and reconciled) is what Da Vinci CRD 2.2 pins. Rules that exist only
 * in 3.0 run as such under 3.0 and as warnings under 2.0 when a document uses the 3.0 feature.
 */
public enum SpecVersion {
  V2_0("2.0", "2.0.1", "published"),
  V3_0("3.0", "3.0.0", "balloted and reconciled, R3 Normative");

  public static final SpecVersion DEFAULT = V2_0;

  private final String label;
  private final String release;
  private final String status;

  SpecVersion(String label, String release, String status) {
    this.label = label;
    this.release = release;
    this.status = status;
  }

  /** "2.0" or "3.0": what users type and what output shows. */
  public String label() {
    return label;
  }

  /** The full release this version stands for, e.g. "3.0.0". */
  public String release() {
    return release;
  }

  /** Where the version stands in HL7's process, in a few words. */
  public String status() {
    return status;
  }

  public boolean atLeast(SpecVersion other) {
    return compareTo(other) >= 0;
  }

  public static List<String> labels() {
    return List.of(values()).stream().map(SpecVersion::label).toList();
  }

  /**
   * "2.0" or "3.0", also written "2", "2.0.1", "3.0.0" or "STU2"/"STU3" (the names the 3.0
   * discovery model uses); null means the default. Anything else is a usage error.
   */
  public static SpecVersion parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (SpecVersion v : values()) {
      String major = v.label.substring(0, 1);
      if (t.equals(v.label) || t.equals(v.release) || t.equals(major) || t.equals("stu" + major)
          || t.equals("v" + v.label) || t.equals("v" + major)) {
        return v;
      }
    }
    throw CdsException.usage("unknown CDS Hooks version '" + text + "': cds knows "
        + String.join(" and ", labels()));
  }
}
