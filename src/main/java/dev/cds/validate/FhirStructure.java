package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What can be checked in FHIR JSON of any version without a FHIR library: resource types that
 * exist, references whose type is a resource type, no empty values, Bundles with a type and
 * without duplicate entries.
 */
final class FhirStructure implements FhirContent {
  private static final Pattern LOOKS_LIKE_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?"
          + "(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))");
  private final String fhirVersion;

  FhirStructure(String fhirVersion) {
    this.fhirVersion = fhirVersion;
  }

  @Override
  public void check(String pointer, JsonNode resource, Findings out) {
    walk(pointer, resource, out);
  }

  private void walk(String pointer, JsonNode node, Findings out) {
    if (node.isObject()) {
      if (node.has("resourceType")) {
        resource(pointer, node, out);
      }
      JsonNode ref = node.get("reference");
      if (ref != null && ref.isTextual()) {
        reference(Pointer.field(pointer, "reference"), ref.asText(), out);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = Pointer.field(pointer, e.getKey());
        dateTime(child, e.getValue(), out);
        if (e.getValue().isNull() || isEmpty(e.getValue())) {
          out.error("fhir.value.empty", child, "'" + e.getKey() + "' is null or empty: FHIR JSON never has null, empty"
              + " strings, arrays or objects; omit the element or give it a value");
        } else if (!e.getKey().equals("div")) {
          walk(child, e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      // null items are allowed: they pair primitive values with their "_name" extensions
      for (int i = 0; i < node.size(); i++) {
        String child = Pointer.index(pointer, i);
        if (isEmpty(node.get(i))) {
          out.error("fhir.value.empty", child, "array item is empty: FHIR JSON arrays hold no nulls or"
              + " empty values; remove it");
        } else {
          walk(child, node.get(i), out);
        }
      }
    }
  }

  private void resource(String pointer, JsonNode resource, Findings out) {
    JsonNode typeNode = resource.get("resourceType");
    String type = typeNode.asText();
    String at = Pointer.field(pointer, "resourceType");
    if (!typeNode.isTextual() || !FhirTypes.isFhir(type)) {
      out.error("fhir.resourceType", at, "'" + typeNode.asText() + "' is not a FHIR resource type"
          + FhirTypes.didYouMean(type));
      return;
    }
    if (fhirVersion.equals("R4") && !FhirTypes.isR4(type)) {
      out.error("fhir.resourceType", at, type + " is not an R4 resource type (it is from STU3/DSTU2):"
          + " use its R4 successor, or validate as the FHIR version it is from");
    }
    if (type.equals("Bundle")) {
      bundle(pointer, resource, out);
    }
  }

  private static void bundle(String pointer, JsonNode bundle, Findings out) {
    if (!bundle.has("type")) {
      out.error("fhir.element.required", pointer, "missing required element Bundle.type");
    }
    Set<String> seen = new HashSet<>();
    JsonNode entries = bundle.path("entry");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode r = entries.path(i).path("resource");
      String key = r.path("resourceType").asText() + "/" + r.path("id").asText();
      if (r.has("id") && !seen.add(key)) {
        out.warning("fhir.resource.duplicate", Pointer.field(Pointer.index(Pointer.field(pointer, "entry"), i), "resource"),
            "a second entry for " + key + " in the same Bundle: give each resource its own id");
      }
    }
  }

  private static void reference(String pointer, String ref, Findings out) {
    if (ref.startsWith("#") || ref.startsWith("urn:")) {
      return;
    }
    String relative = ref;
    int scheme = ref.indexOf("://");
    if (scheme >= 0) {
      // an absolute URL ends in Type/id (or Type/id/_history/v): check those segments
      String[] parts = ref.substring(scheme + 3).split("/");
      int end = parts.length >= 4 && parts[parts.length - 2].equals("_history") ? parts.length - 2 : parts.length;
      if (end < 3 || !Character.isUpperCase(parts[end - 2].charAt(0))) {
        return;
      }
      relative = parts[end - 2] + "/" + parts[end - 1];
    }
    String type = FhirTypes.typeOf(relative);
    if (type != null && !FhirTypes.isFhir(type)) {
      out.error("fhir.reference.type", pointer, "'" + ref + "': " + type + " is not a FHIR resource type"
          + FhirTypes.didYouMean(type));
    }
  }

  /**
   * A value that starts like a date-time must be one. HAPI checks every primitive of R4; for
   * STU3/DSTU2 content this catches the commonest slip without their models.
   */
  private void dateTime(String pointer, JsonNode value, Findings out) {
    if (!fhirVersion.equals("R4") && value.isTextual() && LOOKS_LIKE_DATE_TIME.matcher(value.asText()).lookingAt()
        && !DATE_TIME.matcher(value.asText()).matches()) {
      out.error("fhir.value.invalid", pointer, "'" + value.asText() + "' is not a FHIR dateTime:"
          + " YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm), e.g. 2019-08-10T09:10:00-06:00");
    }
  }

  static boolean isEmpty(JsonNode value) {
    return (value.isTextual() && value.asText().isEmpty()) || (value.isContainerNode() && value.isEmpty());
  }
}
