package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Resources;
import dev.cds.hooks.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FHIR resource type names, read from small resource files so reference checks never load HAPI:
 * the R4 list, and the STU3/DSTU2 types R4 dropped (still real types in older content).
 */
final class FhirTypes {
  /** A FHIR id: letters, digits, '-' and '.', 1 to 64 characters. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  /** A relative reference {@code Type/id} (with an optional {@code /_history/v}). */
  static final Pattern RELATIVE = Pattern.compile("([A-Za-z][A-Za-z0-9]*)/([^/]+)(/_history/[^/]+)?");

  private static final Set<String> R4 = r4();
  private static final Map<String, List<String>> OLDER = older();
  private static final Set<String> ALL = all();
  /** resource type, dotted path, any|string, version. */
  private static final List<List<String>> MARKERS = lines("/fhir/version-markers.txt");

  private FhirTypes() {}

  static boolean isR4(String type) {
    return R4.contains(type);
  }

  /** A resource type of R4, STU3 or DSTU2. */
  static boolean isFhir(String type) {
    return ALL.contains(type);
  }

  /** ": did you mean Organization?" for a misspelt type, or "". */
  static String didYouMean(String type) {
    return Suggestions.didYouMean(type, ALL);
  }

  /**
   * The FHIR version of the resources in {@code doc}: DSTU2 or STU3 when a resource type R4
   * dropped, or an element in its older form (version-markers.txt), shows it; R4 otherwise.
   */
  static String detectVersion(JsonNode doc) {
    Set<String> found = new HashSet<>();
    versions(doc, found);
    return found.contains("DSTU2") ? "DSTU2" : found.contains("STU3") ? "STU3" : "R4";
  }

  private static void versions(JsonNode node, Set<String> found) {
    if (node.isObject() && node.path("resourceType").isTextual()) {
      String type = node.path("resourceType").asText();
      List<String> older = OLDER.get(type);
      if (older != null) {
        found.add(older.contains("STU3") ? "STU3" : "DSTU2");
      }
      for (List<String> marker : MARKERS) {
        if (marker.get(0).equals(type) && has(node, marker.get(1).split("\\."), 0, marker.get(2).equals("string"))) {
          found.add(marker.get(3));
        }
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        versions(child, found);
      }
    }
  }

  private static boolean has(JsonNode node, String[] path, int i, boolean asString) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (has(item, path, i, asString)) {
          return true;
        }
      }
      return false;
    }
    if (i == path.length) {
      return !asString || node.isTextual();
    }
    JsonNode child = node.get(path[i]);
    return child != null && has(child, path, i + 1, asString);
  }

  /** The type of a relative reference, or null when {@code ref} is not of the form Type/id. */
  static String typeOf(String ref) {
    Matcher m = RELATIVE.matcher(ref);
    return m.matches() ? m.group(1) : null;
  }

  private static Set<String> r4() {
    Set<String> out = new HashSet<>();
    for (List<String> l : lines("/fhir/r4-resource-types.txt")) {
      out.add(l.get(0));
    }
    return Set.copyOf(out);
  }

  private static Set<String> all() {
    Set<String> all = new TreeSet<>(R4);
    all.addAll(OLDER.keySet());
    return Set.copyOf(all);
  }

  private static Map<String, List<String>> older() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (List<String> l : lines("/fhir/older-resource-types.txt")) {
      out.put(l.get(0), l.subList(1, l.size()));
    }
    return Map.copyOf(out);
  }

  /** The words of each line that is not blank or a # comment. */
  private static List<List<String>> lines(String resource) {
    List<List<String>> out = new ArrayList<>();
    try (InputStream in = Resources.open(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(List.of(line.trim().split("\\s+")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
