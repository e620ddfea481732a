package dev.cds.validate;

import dev.cds.hooks.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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

  private static final Set<String> R4 = names("/fhir/r4-resource-types.txt").keySet();
  private static final Map<String, List<String>> OLDER = names("/fhir/older-resource-types.txt");
  private static final Set<String> ALL = all();

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
   * The FHIR version content holding these resource types is written in: DSTU2 or STU3 when a
   * type R4 dropped shows it, R4 otherwise (the types alone cannot tell STU3 from R4 more often).
   */
  static String detectVersion(Collection<String> types) {
    String found = "R4";
    for (String t : types) {
      List<String> versions = OLDER.get(t);
      if (versions != null) {
        if (!versions.contains("STU3")) {
          return "DSTU2";
        }
        found = "STU3";
      }
    }
    return found;
  }

  /** The type of a relative reference, or null when {@code ref} is not of the form Type/id. */
  static String typeOf(String ref) {
    Matcher m = RELATIVE.matcher(ref);
    return m.matches() ? m.group(1) : null;
  }

  private static Set<String> all() {
    Set<String> all = new TreeSet<>(R4);
    all.addAll(OLDER.keySet());
    return Set.copyOf(all);
  }

  private static Map<String, List<String>> names(String resource) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (InputStream in = FhirTypes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] words = line.trim().split("\\s+");
        if (!line.isBlank() && !line.startsWith("#")) {
          out.put(words[0], List.of(words).subList(1, words.length));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
