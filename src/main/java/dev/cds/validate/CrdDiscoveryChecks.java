package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.crd.CrdCodes;
import dev.cds.crd.CrdService;
import dev.cds.hooks.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CRD extensions of discovery entries (deviations.md, "CRD Version declaration" and
 * "Configuration options extension"), for each service that carries any {@code davinci-crd.*}
 * extension.
 */
final class CrdDiscoveryChecks {
  /**
   * crdver-1 as meant: major.minor. As written ({@code ^[1-9]\d*\.[1-9]\d*$}) it rejects "2.0",
   * the very example deviations.md gives, so a zero minor is accepted here.
   */
  private static final Pattern VERSION = Pattern.compile("[1-9]\\d*\\.\\d+");
  /** A code is sent as a JSON property name; CRD's own codes are lower-case words joined by '-'. */
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final List<String> TYPES = List.of("boolean", "integer");
  private static final List<String> REQUIRED = List.of("code", "type", "name", "description");

  private final Findings out;
  /** code → where first declared, with its type and name, across services (dev-9). */
  private final Map<String, Declared> declared = new HashMap<>();

  private record Declared(String at, String type, String name) {}

  private CrdDiscoveryChecks(Findings out) {
    this.out = out;
  }

  static void check(JsonNode doc, Findings out) {
    CrdDiscoveryChecks c = new CrdDiscoveryChecks(out);
    JsonNode services = doc.path("services");
    for (int i = 0; i < services.size(); i++) {
      if (CrdService.advertised(services.get(i))) {
        c.service(Pointer.index("/services", i), services.get(i));
      }
    }
  }

  private void service(String at, JsonNode service) {
    String ext = Pointer.field(at, "extension");
    JsonNode versions = service.path("extension").get(CrdCodes.VERSION);
    String vat = Pointer.field(ext, CrdCodes.VERSION);
    if (versions == null || !versions.isArray() || versions.isEmpty()) {
      out.error(CrdRules.DEV_1, versions == null ? ext : vat, "a CRD service declares the CRD versions it supports"
          + " for its hook: \"" + CrdCodes.VERSION + "\": [\"2.2\"]" + (versions == null ? " (it is missing)" : ""));
    } else {
      for (int i = 0; i < versions.size(); i++) {
        JsonNode v = versions.get(i);
        if (!v.isTextual() || !VERSION.matcher(v.asText()).matches()) {
          out.error(CrdRules.CRDVER_1, Pointer.index(vat, i), "a CRD version is the guide's major.minor as a string,"
              + " e.g. \"2.2\" (not \"2.2.1\"), not " + v);
        }
      }
    }
    JsonNode options = service.path("extension").get(CrdCodes.OPTIONS);
    if (options == null) {
      return;
    }
    String oat = Pointer.field(ext, CrdCodes.OPTIONS);
    if (!options.isArray()) {
      out.error(CrdRules.DEV_4, oat, "'" + CrdCodes.OPTIONS + "' is an array of options {code, type, name,"
          + " description, default}, not " + ContextChecks.kind(options));
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < options.size(); i++) {
      option(Pointer.index(oat, i), options.get(i), seen);
    }
  }

  private void option(String at, JsonNode option, Map<String, String> seen) {
    if (!option.isObject()) {
      out.error(CrdRules.DEV_4, at, "a configuration option is an object {code, type, name, description, default}, not "
          + ContextChecks.kind(option));
      return;
    }
    for (String member : REQUIRED) {
      JsonNode v = option.get(member);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        out.error(CrdRules.DEV_4, v == null ? at : Pointer.field(at, member), "a configuration option needs '" + member
            + "' (a non-empty string): " + purpose(member));
      }
    }
    String code = option.path("code").asText("");
    String type = option.path("type").asText("");
    if (option.path("type").isTextual() && !type.isBlank() && !TYPES.contains(type)) {
      out.error(CrdRules.DEV_4, Pointer.field(at, "type"), "option type '" + type + "' is not allowed: \"boolean\" or"
          + " \"integer\" (JSON types, not FHIR types)");
    }
    JsonNode def = option.get("default");
    if (def == null) {
      out.error(CrdRules.DEV_4, at, "option '" + code + "' needs a 'default' so users know what to expect when they"
          + " set nothing");
    } else if ((type.equals("boolean") && !def.isBoolean()) || (type.equals("integer") && !def.canConvertToExactIntegral())) {
      out.error(CrdRules.DEV_4, Pointer.field(at, "default"), "the default of " + type + " option '" + code + "' must"
          + " be a JSON " + type + ", not " + def);
    }
    if (code.isBlank()) {
      return;
    }
    if (!PROPERTY.matcher(code).matches()) {
      out.error(CrdRules.DEV_7, Pointer.field(at, "code"), "option code '" + code + "' is sent as a JSON property"
          + " name: use letters, digits, '-', '.' or '_', e.g. \"claim\"");
    } else if (!CrdCodes.CARD_TYPES.containsKey(code) && !Suggestions.nearest(code, CrdCodes.CARD_TYPES.keySet()).isEmpty()) {
      out.warning(CrdRules.DEV_7, Pointer.field(at, "code"), "option code '" + code + "' is not a CRD response type"
          + Suggestions.didYouMean(code, CrdCodes.CARD_TYPES.keySet()) + " (codes come from that list when one applies)");
    }
    if (CrdCodes.CARD_TYPES.containsKey(code) && !type.isBlank() && !type.equals("boolean")) {
      out.error(CrdRules.DEV_5, Pointer.field(at, "type"), "'" + code + "' is a card type: its option is a boolean"
          + " (false stops cards of that type), not " + type);
    }
    for (String member : List.of("code", "name", "description")) {
      JsonNode v = option.get(member);
      if (v != null && v.isTextual()) {
        String first = seen.putIfAbsent(member + "\n" + v.asText(), at);
        if (first != null) {
          out.error(CrdRules.DEV_8, Pointer.field(at, member), "option " + member + " '" + abbreviate(v.asText())
              + "' is also used at " + first + ": codes, names and descriptions are unique within a service");
        }
      }
    }
    Declared earlier = declared.putIfAbsent(code, new Declared(at, type, option.path("name").asText("")));
    if (earlier != null && !earlier.at().startsWith(at.substring(0, at.indexOf("/extension") + 1))
        && (!earlier.type().equals(type) || !earlier.name().equals(option.path("name").asText("")))) {
      out.warning(CrdRules.DEV_9, at, "option '" + code + "' differs from the one at " + earlier.at() + " ("
          + earlier.type() + " \"" + earlier.name() + "\"): keep codes, names and types the same across hooks");
    }
  }

  private static String purpose(String member) {
    return switch (member) {
      case "code" -> "what the client sends in davinci-crd.configuration";
      case "type" -> "\"boolean\" or \"integer\"";
      case "name" -> "the label in the client's configuration screen";
      default -> "one or two sentences on what the option does";
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 39) + "…";
  }
}
