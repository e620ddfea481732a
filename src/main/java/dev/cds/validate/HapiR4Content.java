package dev.cds.validate;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * FHIR R4 resources parsed by HAPI with an error handler that turns every complaint (unknown
 * element, wrong JSON type, bad value or code) into a finding, then walked for missing required
 * elements. The only class that touches HAPI: loading it costs about a second, so nothing on the
 * path of {@code cds call} refers to it (see {@link Validator}).
 */
final class HapiR4Content implements FhirContent {
  private final FhirContext fhir = R4.CONTEXT;

  /** Built on first use; HAPI documents FhirContext as thread-safe and expensive to create. */
  private static final class R4 {
    static final FhirContext CONTEXT = FhirContext.forR4();
  }

  @Override
  public void check(String pointer, JsonNode resource, Findings out) {
    Handler handler = new Handler(pointer, resource, out);
    IParser parser = fhir.newJsonParser().setParserErrorHandler(handler);
    IBaseResource parsed;
    try {
      parsed = parser.parseResource(Json.compact(resource));
    } catch (DataFormatException | IllegalArgumentException e) {
      out.error("fhir.parse", pointer, "not a valid R4 " + resource.path("resourceType").asText("resource")
          + ": " + firstLine(e.getMessage()));
      return;
    }
    required(parsed, fhir.getResourceDefinition(parsed), pointer, resource, out);
  }

  /** Reports children with a minimum cardinality of 1 that are absent, recursing into what is there. */
  private void required(IBase element, BaseRuntimeElementCompositeDefinition<?> def, String pointer,
      JsonNode json, Findings out) {
    for (BaseRuntimeChildDefinition child : def.getChildren()) {
      String name = child.getElementName();
      if (name.equals("extension") || name.equals("modifierExtension")) {
        continue;
      }
      if (child.getMax() == 1) {
        // HAPI's JSON parser quietly takes an array for a single-valued element
        for (String jsonName : child.getValidChildNames()) {
          if (json.path(jsonName).isArray()) {
            out.error("fhir.json.type", Pointer.field(pointer, jsonName), def.getName() + "." + jsonName
                + " repeats at most once in R4: give a single value, not an array");
          }
        }
      }
      List<? extends IBase> values = child.getAccessor().getValues(element);
      if (values.isEmpty() && child.getMin() > 0) {
        out.error("fhir.element.required", pointer, "missing required element " + def.getName() + "."
            + name.replace("[x]", "[x] (e.g. " + name.replace("[x]", "String") + ")"));
        continue;
      }
      for (int i = 0; i < values.size(); i++) {
        IBase value = values.get(i);
        if (value instanceof IPrimitiveType<?>) {
          continue;
        }
        BaseRuntimeElementDefinition<?> childDef = value instanceof IBaseResource r
            ? fhir.getResourceDefinition(r) : child.getChildElementDefinitionByDatatype(value.getClass());
        if (!(childDef instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
          continue;
        }
        String jsonName = child.getChildNameByDatatype(value.getClass());
        JsonNode member = json.path(jsonName == null ? name : jsonName);
        String at = Pointer.field(pointer, jsonName == null ? name : jsonName);
        if (member.isArray()) {
          member = member.path(i);
          at = Pointer.index(at, i);
        }
        required(value, composite, at, member, out);
      }
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "unreadable" : message;
    int cut = m.indexOf('\n');
    return (cut > 0 ? m.substring(0, cut) : m).replaceFirst("^HAPI-\\d+: ", "");
  }

  /**
   * HAPI reports only the parent element's name, so the path is found by looking for the named
   * member in the JSON, each occurrence reported once.
   */
  private static final class Handler implements IParserErrorHandler {
    private final String pointer;
    private final JsonNode resource;
    private final Findings out;
    private final Set<String> reported = new HashSet<>();

    Handler(String pointer, JsonNode resource, Findings out) {
      this.pointer = pointer;
      this.resource = resource;
      this.out = out;
    }

    @Override
    public void unknownElement(IParseLocation location, String name) {
      String at = locate(name, location);
      out.error("fhir.element.unknown", at, elementPath(at, name) + " is not an element of FHIR R4:"
          + " check the spelling and the FHIR version");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
      unknownElement(location, name);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String name, ValueType expected,
        ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
      String at = locate(name, location);
      out.error("fhir.json.type", at, elementPath(at, name) + " must be "
          + describe(expected, expectedScalar) + ", not " + describe(found, foundScalar));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String name) {
      String at = locate(name, location);
      out.error("fhir.json.type", at, elementPath(at, name)
          + " repeats at most once in R4: give a single value, not an array");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
      if (value == null || value.isEmpty()) {
        return; // FhirStructure reports empty values with their path
      }
      out.error("fhir.value.invalid", locateValue(value), "'" + value + "' is not valid here: "
          + firstLine(error));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String name) {
      out.error("fhir.element.required", pointer, "missing required element " + parent(location) + "." + name);
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
      out.error("fhir.element.required", pointer, "a contained resource has no id: give it one and refer to it as #id");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
      out.warning("fhir.reference.unknown", locateValue(reference), "'" + reference + "' refers to nothing in this resource");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
      out.error("fhir.parse", pointer, "an extension has both a value and nested extensions: use one or the other");
    }

    /**
     * The FHIR path (Type.element.element) of the member at {@code at}, counted from the innermost
     * resource that holds it; {@code name} alone when {@code at} was not found.
     */
    private String elementPath(String at, String name) {
      if (!at.startsWith(pointer + "/")) {
        return name;
      }
      StringBuilder path = new StringBuilder(resource.path("resourceType").asText("Resource"));
      JsonNode node = resource;
      for (String raw : at.substring(pointer.length() + 1).split("/")) {
        String segment = raw.replace("~1", "/").replace("~0", "~");
        if (node.isArray()) {
          node = node.path(Integer.parseInt(segment));
        } else {
          node = node.path(segment);
          path.append('.').append(segment.startsWith("_") ? segment.substring(1) : segment);
        }
        if (node.isObject() && node.path("resourceType").isTextual()) {
          path.setLength(0);
          path.append(node.path("resourceType").asText());
        }
      }
      return path.toString();
    }

    private static String parent(IParseLocation location) {
      String p = location == null ? null : location.getParentElementName();
      return p == null ? "element" : p;
    }

    private String locate(String name, IParseLocation location) {
      String parent = location == null ? null : location.getParentElementName();
      List<String[]> hits = new ArrayList<>();
      find(resource, pointer, null, (key, value) -> name.equals(key) || ("_" + name).equals(key), hits);
      return pick(hits, parent);
    }

    private String locateValue(String value) {
      List<String[]> hits = new ArrayList<>();
      find(resource, pointer, null, (key, v) -> v.isValueNode() && v.asText().equals(value), hits);
      return pick(hits, null);
    }

    /** The first not yet reported hit, preferring one under a member named like the parent element. */
    private String pick(List<String[]> hits, String parent) {
      String p = parent == null ? null : parent.toLowerCase(Locale.ROOT);
      for (String[] hit : hits) {
        if (p != null && hit[1] != null && hit[1].toLowerCase(Locale.ROOT).equals(p) && reported.add(hit[0])) {
          return hit[0];
        }
      }
      for (String[] hit : hits) {
        if (reported.add(hit[0])) {
          return hit[0];
        }
      }
      return hits.isEmpty() ? pointer : hits.get(0)[0];
    }

    private interface Match {
      /** {@code key} is null for array items. */
      boolean test(String key, JsonNode value);
    }

    /** Collects {pointer, parent member name} of every member that matches. */
    private static void find(JsonNode node, String at, String parentName, Match match, List<String[]> hits) {
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String child = Pointer.field(at, e.getKey());
          if (match.test(e.getKey(), e.getValue())) {
            hits.add(new String[] {child, parentName});
          }
          find(e.getValue(), child, e.getKey(), match, hits);
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          String child = Pointer.index(at, i);
          if (node.get(i).isValueNode() && match.test(null, node.get(i))) {
            hits.add(new String[] {child, parentName});
          }
          find(node.get(i), child, parentName, match, hits);
        }
      }
    }

    private static String describe(ValueType type, ScalarType scalar) {
      if (type == null) {
        return "something else";
      }
      return switch (type) {
        case ARRAY -> "an array";
        case OBJECT -> "an object";
        case NULL -> "null";
        case SCALAR -> scalar == null ? "a primitive value" : "a " + scalar.name().toLowerCase(Locale.ROOT);
      };
    }
  }
}
