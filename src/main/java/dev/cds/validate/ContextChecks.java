package dev.cds.validate;

import dev.cds.core.Grammar;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.ContextField;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's {@code context} against the catalog entry of its hook version: required fields,
 * JSON types, unknown and misspelt names, reference and id forms, the resource types of embedded
 * resources and Bundles.
 */
final class ContextChecks {
  /** ord-1 of the hook library's context models, as its FHIRPath regex reads: {type}/{id}. */
  private static final Pattern ORD_1 = Pattern.compile("[\\d\\w]+/[\\d\\w\\-.]+");

  /** A context member found under the field it stands for (possibly under a misspelt name). */
  record Member(String pointer, JsonNode value) {}

  private ContextChecks() {}

  /**
   * Checks {@code context} (at {@code /context}) and returns its members keyed by the field they
   * stand for, so hook rules also see fields given under a misspelt name.
   */
  static Map<String, Member> check(JsonNode context, HookDefinition def, String fhirVersion, Findings out) {
    String at = "/context";
    Map<String, Member> resolved = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (ContextField f : def.fields()) {
      names.add(f.name());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (def.field(e.getKey()).isPresent()) {
        resolved.put(e.getKey(), new Member(Pointer.field(at, e.getKey()), e.getValue()));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (def.field(name).isPresent()) {
        continue;
      }
      String pointer = Pointer.field(at, name);
      String fix = def.aliases().get(name);
      if (fix == null) {
        List<String> near = Suggestions.nearest(name, names);
        fix = near.isEmpty() ? null : near.get(0);
      }
      String hook = def.hook() + " " + def.version();
      if (fix == null || context.has(fix)) {
        out.warning("context.field.unknown", pointer, "'" + name + "' is not a context field of " + hook
            + " (services ignore it); its fields are " + String.join(", ", names));
        continue;
      }
      ContextField field = def.field(fix).orElseThrow();
      String message = "'" + name + "' is not a context field of " + hook + ": rename it to '" + fix + "'";
      if (field.required()) {
        out.error("context.field.name", pointer, message + " (a required field)");
      } else {
        out.warning("context.field.name", pointer, message + " (as written, services ignore it)");
      }
      resolved.putIfAbsent(fix, new Member(pointer, e.getValue()));
    }
    for (ContextField field : def.fields()) {
      Member m = resolved.get(field.name());
      if (m == null) {
        if (field.required()) {
          out.error("context.field.required", at, "missing required field '" + field.name() + "' of "
              + def.hook() + " " + def.version() + ": " + field.description());
        }
        continue;
      }
      value(field, m, fhirVersion, out);
    }
    return resolved;
  }

  private static void value(ContextField field, Member m, String fhirVersion, Findings out) {
    JsonNode v = m.value();
    String expected = switch (field.type()) {
      case "string" -> v.isTextual() ? null : "a string";
      case "array" -> v.isArray() ? null : "an array";
      case "object" -> v.isObject() ? null : "an object";
      default -> null;
    };
    if (expected != null) {
      String hint = field.form().equals("bundle") && v.isArray()
          ? ": wrap the resources in a Bundle {\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":…}]}"
          : "";
      out.error("context.field.type", m.pointer(), "'" + field.name() + "' must be " + expected + " ("
          + shape(field) + "), not " + kind(v) + hint);
      return;
    }
    if (FhirStructure.isEmpty(v)) {
      out.error("context.field.empty", m.pointer(), "'" + field.name() + "' is empty: give " + shape(field)
          + (field.required() ? "" : ", or leave the field out"));
      return;
    }
    List<String> allowed = field.resourceTypes().get(fhirVersion);
    switch (field.form()) {
      case "id" -> id(field, m.pointer(), v.asText(), out);
      case "reference" -> reference(field, m.pointer(), v.asText(), out);
      case "references" -> {
        for (int i = 0; i < v.size(); i++) {
          JsonNode ref = v.get(i);
          String p = Pointer.index(m.pointer(), i);
          if (ref.isTextual()) {
            reference(field, p, ref.asText(), out);
          } else {
            out.error("context.reference.form", p, "each entry of '" + field.name() + "' must be a reference"
                + " string like " + example(field) + ", not " + kind(ref));
          }
        }
      }
      case "resource" -> resource(field, m.pointer(), v, allowed, out);
      case "resources" -> {
        for (int i = 0; i < v.size(); i++) {
          resource(field, Pointer.index(m.pointer(), i), v.get(i), allowed, out);
        }
      }
      case "bundle" -> bundle(field, m.pointer(), v, allowed, out);
      default -> { }
    }
  }

  private static void id(ContextField field, String pointer, String value, Findings out) {
    String type = FhirTypes.typeOf(value);
    if (type != null && FhirTypes.isFhir(type)) {
      out.error("context.id.form", pointer, "'" + field.name() + "' is a bare FHIR id like '"
          + value.substring(value.indexOf('/') + 1) + "', not a reference '" + value + "'");
    } else if (!FhirTypes.ID.matcher(value).matches()) {
      out.error("context.id.form", pointer, "'" + value + "' is not a FHIR id: 1-64 letters, digits, '-' or '.'");
    }
  }

  private static void reference(ContextField field, String pointer, String value, Findings out) {
    if (field.obeys().contains("ord-1") && !ORD_1.matcher(value).matches()) {
      out.error("ord-1", pointer, "'" + value + "' is not {type}/{id}: '" + field.name() + "' is a relative"
          + " reference, e.g. " + example(field) + " (ord-1)");
      return;
    }
    String type = FhirTypes.typeOf(value);
    if (type == null || !FhirTypes.ID.matcher(value.substring(value.indexOf('/') + 1).replaceFirst("/_history/.*", "")).matches()) {
      out.error("context.reference.form", pointer, "'" + value + "' is not a relative reference: '"
          + field.name() + "' is Type/id, e.g. " + example(field));
      return;
    }
    if (!FhirTypes.isFhir(type)) {
      out.error("context.reference.type", pointer, "'" + value + "': " + type + " is not a FHIR resource type"
          + FhirTypes.didYouMean(type));
    } else if (!field.referenceTypes().isEmpty() && !field.referenceTypes().contains(type)) {
      out.error("context.reference.type", pointer, "'" + field.name() + "' refers to " + Grammar.withArticle(type)
          + ": expected one of " + String.join(", ", field.referenceTypes()));
    }
  }

  private static void resource(ContextField field, String pointer, JsonNode v, List<String> allowed, Findings out) {
    if (!v.isObject() || !v.has("resourceType")) {
      String hint = v.isObject() && v.path("resource").has("resourceType")
          ? ": this looks like a Bundle entry; put the resource itself here, without the {\"resource\": …} wrapper"
          : "";
      out.error("context.resource", pointer, "'" + field.name() + "' must hold FHIR resources (objects with"
          + " resourceType), e.g. " + (allowed == null || allowed.isEmpty() ? "a resource" : article(allowed.get(0))) + hint);
      return;
    }
    String type = v.path("resourceType").asText();
    if (allowed != null && !allowed.isEmpty() && !allowed.contains(type)) {
      out.error("context.resource.type", Pointer.field(pointer, "resourceType"), type + " does not belong in '"
          + field.name() + "': expected " + String.join(" or ", allowed));
    }
  }

  private static void bundle(ContextField field, String pointer, JsonNode v, List<String> allowed, Findings out) {
    if (!"Bundle".equals(v.path("resourceType").asText())) {
      out.error("context.resource.type", pointer, "'" + field.name() + "' must be a FHIR Bundle"
          + " ({\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[…]}), not "
          + (v.has("resourceType") ? article(v.path("resourceType").asText()) : "an object without resourceType"));
      return;
    }
    JsonNode entries = v.path("entry");
    for (int i = 0; i < entries.size(); i++) {
      resource(field, Pointer.field(Pointer.index(Pointer.field(pointer, "entry"), i), "resource"),
          entries.path(i).path("resource"), allowed, out);
    }
  }

  private static String shape(ContextField field) {
    return switch (field.form()) {
      case "id" -> "a bare FHIR id, e.g. \"123\"";
      case "reference" -> "a reference, e.g. " + example(field);
      case "references" -> "an array of references, e.g. [" + example(field) + "]";
      case "resource" -> "a FHIR resource";
      case "resources" -> "an array of FHIR resources";
      case "bundle" -> "a FHIR Bundle";
      default -> field.type();
    };
  }

  private static String example(ContextField field) {
    return "\"" + (field.referenceTypes().isEmpty() ? "Practitioner" : field.referenceTypes().get(0)) + "/123\"";
  }

  private static String article(String noun) {
    if (noun.isEmpty()) {
      return "an empty resourceType";
    }
    return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }
}
