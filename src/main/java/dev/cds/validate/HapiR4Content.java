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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.HashMap;
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
 * path of {@code cds call} refers to it (see {@link Validator}). It ships in the extension jar and
 * is reached only through {@link FhirContent#r4()}: it lives under another class loader, so it
 * uses only public members of the rest of cds.
 */
public final class HapiR4Content implements FhirContent {
  private final FhirContext fhir = R4.CONTEXT;

  /** Built on first use; HAPI documents FhirContext as thread-safe and expensive to create. */
  private static final class R4 {
    static final FhirContext CONTEXT = FhirContext.forR4();
  }

  @Override
  public void check(String pointer, JsonNode resource, Findings out) {
    // HAPI's parser fails on an empty member name with StringIndexOutOfBounds: reported here, and
    // HAPI sees the resource without them
    JsonNode parsable = withoutEmptyNames(resource, pointer, out);
    Handler handler = new Handler(pointer, parsable, out);
    IParser parser = fhir.newJsonParser().setParserErrorHandler(handler);
    IBaseResource parsed;
    try {
      parsed = parser.parseResource(Json.compact(parsable));
    } catch (DataFormatException | IllegalArgumentException e) {
      out.error("fhir.parse", pointer, "not a valid R4 " + resource.path("resourceType").asText("resource")
          + ": " + firstLine(e.getMessage()));
      return;
    } catch (RuntimeException e) {
      // a parser bug on hostile input is a finding about the input, never a crash of cds
      out.error("fhir.parse", pointer, "not a valid R4 " + resource.path("resourceType").asText("resource")
          + ": HAPI FHIR cannot read it");
      return;
    }
    required(parsed, fhir.getResourceDefinition(parsed), pointer, parsable, out);
  }

  /** {@code node} without members named "" (each reported), or {@code node} itself when it has none. */
  static JsonNode withoutEmptyNames(JsonNode node, String pointer, Findings out) {
    if (node.isObject()) {
      ObjectNode copy = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = Pointer.field(pointer, e.getKey());
        if (e.getKey().isEmpty()) {
          out.error("fhir.element.name", at, "a member with an empty name is not a FHIR element: remove it");
          copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
          copy.remove("");
          continue;
        }
        JsonNode cleaned = withoutEmptyNames(e.getValue(), at, out);
        if (cleaned != e.getValue()) {
          copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
          copy.set(e.getKey(), cleaned);
        }
      }
      return copy == null ? node : copy;
    }
    if (node.isArray()) {
      ArrayNode copy = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode cleaned = withoutEmptyNames(node.get(i), Pointer.index(pointer, i), out);
        if (cleaned != node.get(i)) {
          copy = copy == null ? ((ArrayNode) node).deepCopy() : copy;
          copy.set(i, cleaned);
        }
      }
      return copy == null ? node : copy;
    }
    return node;
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
    private final Map<String, List<Hit>> merged = new HashMap<>();
    private final Map<String, int[]> cursors = new HashMap<>();
    private Index index;

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
      List<Hit> hits = merged.computeIfAbsent(name, n -> merge(index().byName.get(n), index().byName.get("_" + n)));
      return pick(hits, parent, "name:" + name);
    }

    private String locateValue(String value) {
      return pick(index().byValue.getOrDefault(value, List.of()), null, "value:" + value);
    }

    /**
     * The first not yet reported hit, preferring one under a member named like the parent element.
     * Cursors only move forward (a hit once reported, or under another parent, stays so), which
     * keeps thousands of complaints about one name linear rather than quadratic.
     */
    private String pick(List<Hit> hits, String parent, String key) {
      if (parent != null) {
        String p = parent.toLowerCase(Locale.ROOT);
        int[] cursor = cursors.computeIfAbsent(key + "\0" + p, k -> new int[1]);
        while (cursor[0] < hits.size() && (hits.get(cursor[0]).parent() == null
            || !hits.get(cursor[0]).parent().toLowerCase(Locale.ROOT).equals(p)
            || reported.contains(hits.get(cursor[0]).pointer()))) {
          cursor[0]++;
        }
        if (cursor[0] < hits.size()) {
          reported.add(hits.get(cursor[0]).pointer());
          return hits.get(cursor[0]).pointer();
        }
      }
      int[] cursor = cursors.computeIfAbsent(key, k -> new int[1]);
      while (cursor[0] < hits.size() && reported.contains(hits.get(cursor[0]).pointer())) {
        cursor[0]++;
      }
      if (cursor[0] < hits.size()) {
        reported.add(hits.get(cursor[0]).pointer());
        return hits.get(cursor[0]).pointer();
      }
      return hits.isEmpty() ? pointer : hits.get(0).pointer();
    }

    /** Where a member or value is: its pointer, the name of the member holding it, document order. */
    private record Hit(String pointer, String parent, int order) {}

    /** Every member by name and every primitive value by text, built once per resource. */
    private static final class Index {
      final Map<String, List<Hit>> byName = new HashMap<>();
      final Map<String, List<Hit>> byValue = new HashMap<>();
      private int order;

      void walk(JsonNode node, String at, String parentName) {
        if (node.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = Pointer.field(at, e.getKey());
            Hit hit = new Hit(child, parentName, order++);
            byName.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(hit);
            if (e.getValue().isValueNode()) {
              byValue.computeIfAbsent(e.getValue().asText(), k -> new ArrayList<>()).add(hit);
            }
            walk(e.getValue(), child, e.getKey());
          }
        } else if (node.isArray()) {
          for (int i = 0; i < node.size(); i++) {
            String child = Pointer.index(at, i);
            if (node.get(i).isValueNode()) {
              byValue.computeIfAbsent(node.get(i).asText(), k -> new ArrayList<>()).add(new Hit(child, parentName, order++));
            }
            walk(node.get(i), child, parentName);
          }
        }
      }
    }

    private Index index() {
      if (index == null) {
        index = new Index();
        index.walk(resource, pointer, null);
      }
      return index;
    }

    /** Two lists in document order, as one. */
    private static List<Hit> merge(List<Hit> a, List<Hit> b) {
      if (a == null || b == null) {
        return a != null ? a : b != null ? b : List.of();
      }
      List<Hit> out = new ArrayList<>(a.size() + b.size());
      int i = 0;
      int j = 0;
      while (i < a.size() || j < b.size()) {
        out.add(j >= b.size() || (i < a.size() && a.get(i).order() < b.get(j).order()) ? a.get(i++) : b.get(j++));
      }
      return out;
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
