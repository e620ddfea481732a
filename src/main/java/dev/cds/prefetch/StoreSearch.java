package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FHIR searches prefetch templates use, over plain JSON: {@code _id} (comma lists),
 * {@code patient}, {@code subject}, {@code status}, token and reference equality on any element
 * named like the parameter, date prefixes ({@code ge2024-01-01}), {@code _count}. Parameters that
 * only shape a server's answer ({@code _sort}, {@code _include} …) are ignored; modifiers and
 * chains are refused with an OperationOutcome, as a strict server would.
 */
final class StoreSearch {
  /** Search parameters the CapabilityStatement lists for every type. */
  static final Map<String, String> ADVERTISED = advertised();

  private static final Set<String> IGNORED = Set.of(
      "_sort", "_include", "_revinclude", "_elements", "_summary", "_total", "_format", "_pretty", "_contained");
  /** Parameter → the elements it searches when they are not named like it. */
  private static final Map<String, List<String>> ELEMENTS = Map.of(
      "patient", List.of("patient", "subject", "beneficiary", "for"),
      "encounter", List.of("encounter", "context"),
      "date", List.of("date", "effective", "authoredOn", "occurrence", "issued", "recordedDate", "onset",
          "period", "dateTime", "created", "performed", "start"),
      "code", List.of("code", "medication"),
      "_lastUpdated", List.of("meta.lastUpdated"));

  /** Thrown for a search the store cannot answer faithfully. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message);
    }
  }

  private record Criterion(String name, List<String> values) {}

  private final List<Criterion> criteria;
  private final Integer count;

  private StoreSearch(List<Criterion> criteria, Integer count) {
    this.criteria = criteria;
    this.count = count;
  }

  static StoreSearch parse(String query) throws Unsupported {
    List<Criterion> criteria = new ArrayList<>();
    Integer count = null;
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = UrlText.decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = UrlText.decode(eq < 0 ? "" : pair.substring(eq + 1));
      if (IGNORED.contains(name) || name.startsWith("_include:") || name.startsWith("_revinclude:")) {
        continue;
      }
      if (name.equals("_count") || name.equals("_maxresults")) {
        try {
          int n = Integer.parseInt(value);
          count = count == null ? n : Math.min(count, n);
        } catch (NumberFormatException e) {
          throw new Unsupported(name + "=" + value + " is not a number");
        }
        continue;
      }
      if (name.contains(":") && !name.endsWith(":exact")) {
        throw new Unsupported("search modifier '" + name + "' is not supported by this store (equality only)");
      }
      if (name.contains(".")) {
        throw new Unsupported("chained search '" + name + "' is not supported by this store");
      }
      criteria.add(new Criterion(name.replace(":exact", ""), splitOr(value)));
    }
    return new StoreSearch(criteria, count);
  }

  /** A searchset Bundle of the matches; {@code entry} is left out when there are none (FHIR has no empty arrays). */
  ObjectNode run(String type, Collection<ObjectNode> resources) {
    List<ObjectNode> matches = new ArrayList<>();
    for (ObjectNode r : resources) {
      if (type.equals(r.path("resourceType").asText()) && criteria.stream().allMatch(c -> matches(r, c))) {
        matches.add(r);
      }
    }
    ObjectNode bundle = Json.object();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "searchset");
    bundle.put("total", matches.size());
    int limit = count == null ? matches.size() : Math.min(count, matches.size());
    if (limit > 0) {
      ArrayNode entries = bundle.putArray("entry");
      for (ObjectNode r : matches.subList(0, limit)) {
        ObjectNode e = entries.addObject();
        e.set("resource", r.deepCopy());
        e.putObject("search").put("mode", "match");
      }
    }
    return bundle;
  }

  private static boolean matches(ObjectNode r, Criterion c) {
    if (c.name().equals("_id")) {
      return c.values().contains(r.path("id").asText());
    }
    List<JsonNode> elements = new ArrayList<>();
    for (String path : ELEMENTS.getOrDefault(c.name(), List.of(camel(c.name())))) {
      List<JsonNode> level = List.of(r);
      for (String step : path.split("\\.")) {
        level = member(level, step);
      }
      elements.addAll(level);
    }
    String impliedType = c.name().equals("patient") ? "Patient" : null;
    for (JsonNode e : elements) {
      for (String v : c.values()) {
        if (matchesValue(e, v, impliedType)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesValue(JsonNode e, String value, String impliedType) {
    if (e.isObject() && e.has("reference")) {
      return referenceMatches(e.get("reference").asText(), value, impliedType);
    }
    if (DateRange.isQuery(value) && (e.isTextual() || e.has("start") || e.has("end"))) {
      return DateRange.matches(e, value);
    }
    if (e.isValueNode()) {
      String code = value.contains("|") ? value.substring(value.indexOf('|') + 1) : value;
      return e.asText().equals(code) || e.asText().equals(value);
    }
    if (e.has("coding")) {
      for (JsonNode coding : e.get("coding")) {
        if (tokenMatches(coding.path("system").asText(null), coding.path("code").asText(null), value)) {
          return true;
        }
      }
      return false;
    }
    if (e.has("code")) {
      return tokenMatches(e.path("system").asText(null), e.get("code").asText(), value);
    }
    return e.has("value") && tokenMatches(e.path("system").asText(null), e.get("value").asText(), value);
  }

  private static boolean tokenMatches(String system, String code, String value) {
    int bar = value.indexOf('|');
    if (bar < 0) {
      return value.equals(code);
    }
    String s = value.substring(0, bar);
    String c = value.substring(bar + 1);
    boolean systemOk = s.isEmpty() ? system == null : s.equals(system);
    return systemOk && (c.isEmpty() || c.equals(code));
  }

  private static boolean referenceMatches(String reference, String value, String impliedType) {
    String[] ref = References.typeAndId(reference);
    if (ref == null) {
      return reference.equals(value);
    }
    String[] wanted = References.typeAndId(value);
    if (wanted != null) {
      return wanted[0].equals(ref[0]) && wanted[1].equals(ref[1]);
    }
    return value.equals(ref[1]) && (impliedType == null || impliedType.equals(ref[0]));
  }

  private static List<JsonNode> member(List<JsonNode> in, String name) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : in) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String k = f.getKey();
        boolean choice = k.length() > name.length() && k.startsWith(name) && Character.isUpperCase(k.charAt(name.length()));
        if (k.equals(name) || choice) {
          if (f.getValue().isArray()) {
            f.getValue().forEach(out::add);
          } else {
            out.add(f.getValue());
          }
        }
      }
    }
    return out;
  }

  /** {@code clinical-status} → {@code clinicalStatus}. */
  private static String camel(String name) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** Splits on the commas that mean "or"; {@code \,} is a literal comma. */
  private static List<String> splitOr(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        cur.append(value.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static Map<String, String> advertised() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("_id", "token");
    m.put("patient", "reference");
    m.put("subject", "reference");
    m.put("status", "token");
    m.put("code", "token");
    m.put("date", "date");
    m.put("_count", "number");
    return m;
  }

  /** FHIR date search: a prefix and a date of any precision against a date, dateTime or Period. */
  static final class DateRange {
    private DateRange() {}

    static boolean isQuery(String value) {
      return value.matches("(eq|ne|gt|lt|ge|le|sa|eb|ap)?\\d{4}(-\\d{2}(-\\d{2}(T.*)?)?)?");
    }

    static boolean matches(JsonNode element, String query) {
      String prefix = Character.isLetter(query.charAt(0)) ? query.substring(0, 2) : "eq";
      LocalDateTime[] p = range(Character.isLetter(query.charAt(0)) ? query.substring(2) : query);
      LocalDateTime[] e = element.isTextual() ? range(element.asText())
          : new LocalDateTime[] {
              element.has("start") ? range(element.get("start").asText())[0] : LocalDateTime.MIN,
              element.has("end") ? range(element.get("end").asText())[1] : LocalDateTime.MAX};
      if (p == null || e == null) {
        return false;
      }
      return switch (prefix) {
        case "ne" -> !(!e[0].isBefore(p[0]) && !e[1].isAfter(p[1]));
        case "gt" -> e[1].isAfter(p[1]);
        case "lt" -> e[0].isBefore(p[0]);
        case "ge" -> e[1].isAfter(p[0]);
        case "le" -> e[0].isBefore(p[1]);
        case "sa" -> !e[0].isBefore(p[1]);
        case "eb" -> !e[1].isAfter(p[0]);
        case "ap" -> e[0].isBefore(p[1]) && e[1].isAfter(p[0]);
        default -> !e[0].isBefore(p[0]) && !e[1].isAfter(p[1]);
      };
    }

    /** [start, end) of a FHIR date/dateTime at its precision; time zones are ignored. */
    private static LocalDateTime[] range(String text) {
      try {
        if (text.length() == 4) {
          LocalDateTime s = LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay();
          return new LocalDateTime[] {s, s.plusYears(1)};
        }
        if (text.length() == 7) {
          LocalDateTime s = LocalDate.parse(text + "-01").atStartOfDay();
          return new LocalDateTime[] {s, s.plusMonths(1)};
        }
        if (text.length() == 10) {
          LocalDateTime s = LocalDate.parse(text).atStartOfDay();
          return new LocalDateTime[] {s, s.plusDays(1)};
        }
        String local = text.replaceAll("(Z|[+-]\\d{2}:\\d{2})$", "");
        LocalDateTime s = LocalDateTime.parse(local.length() == 16 ? local + ":00" : local);
        return new LocalDateTime[] {s, s.plusSeconds(1)};
      } catch (DateTimeParseException | NumberFormatException e) {
        return null;
      }
    }
  }
}
