package dev.cds.validate;

import dev.cds.core.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SMART scope style of {@code fhirAuthorization.scope}. CDS Hooks 2.0 refers to SMART App
 * Launch 1 ({@code user/Patient.read}); 3.0 moved to SMART App Launch 2 ({@code user/Patient.rs}),
 * yet its own examples still use v1 scopes. Either style is only worth a note, never a warning:
 * which one an EHR's authorization server grants is not the service's choice.
 */
final class SmartScopes {
  private static final Pattern V1 = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]*)\\.(read|write|\\*)");
  private static final Pattern V2 = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]*)\\.c?r?u?d?s?(\\?.*)?");

  private SmartScopes() {}

  static void check(String scope, Findings out) {
    List<String> v1 = new ArrayList<>();
    List<String> v2 = new ArrayList<>();
    for (String s : scope.trim().split("\\s+")) {
      if (V1.matcher(s).matches()) {
        v1.add(s);
      } else if (V2.matcher(s).matches() && !s.endsWith(".") && !s.contains(".?")) {
        v2.add(s);
      }
    }
    String at = "/fhirAuthorization/scope";
    if (out.spec().atLeast(SpecVersion.V3_0) && !v1.isEmpty()) {
      out.note("request.fhirAuthorization.scope", at, String.join(" ", v1) + ": SMART v1 scope"
          + (v1.size() == 1 ? "" : "s") + "; CDS Hooks 3.0 grants SMART App Launch 2 scopes, e.g. "
          + v2Form(v1.get(0)) + " (the 3.0 examples still show v1, and many servers accept both)");
    } else if (!out.spec().atLeast(SpecVersion.V3_0) && !v2.isEmpty()) {
      out.note("request.fhirAuthorization.scope", at, String.join(" ", v2) + ": SMART v2 scope"
          + (v2.size() == 1 ? "" : "s") + "; CDS Hooks 2.0 refers to SMART App Launch 1 scopes, e.g. "
          + v1Form(v2.get(0)) + " (3.0 adopts v2)");
    }
  }

  /** {@code user/Patient.read} → {@code user/Patient.rs}; write → cud; * → cruds. */
  static String v2Form(String v1) {
    int dot = v1.lastIndexOf('.');
    String permission = switch (v1.substring(dot + 1)) {
      case "read" -> "rs";
      case "write" -> "cud";
      default -> "cruds";
    };
    return v1.substring(0, dot + 1) + permission;
  }

  /** {@code user/Patient.rs} → {@code user/Patient.read}; only writes → write; both → *. */
  static String v1Form(String v2) {
    int dot = v2.lastIndexOf('.');
    String permission = v2.substring(dot + 1).replaceFirst("\\?.*", "");
    boolean reads = permission.contains("r") || permission.contains("s");
    boolean writes = permission.contains("c") || permission.contains("u") || permission.contains("d");
    return v2.substring(0, dot + 1) + (reads && writes ? "*" : writes ? "write" : "read");
  }
}
