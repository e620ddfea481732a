package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * FHIR resources held in memory, from a Bundle file or a folder of resource JSON files, answering
 * the reads and simple searches prefetch needs exactly as a FHIR server would (statuses,
 * OperationOutcomes, searchset Bundles), so offline prefetch gives the same result as online.
 * Plain Jackson trees: this is on the {@code cds call} path, where HAPI is too slow to load.
 */
public final class ResourceStore implements FhirSource {
  private final String origin;
  private final Map<String, ObjectNode> byTypeAndId;
  private final String loaded = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

  private ResourceStore(String origin, Map<String, ObjectNode> byTypeAndId) {
    this.origin = origin;
    this.byTypeAndId = byTypeAndId;
  }

  /** Resources from a Bundle, a single resource file, or every {@code *.json} file under a folder. */
  public static ResourceStore load(Path path) {
    if (!Files.exists(path)) {
      throw CdsException.badInput("cannot read " + path + ": no such file or folder (give a FHIR Bundle or a folder of resource JSON files)");
    }
    List<JsonNode> resources = new ArrayList<>();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw CdsException.badInput("cannot list " + path + ": " + e.getMessage(), e);
      }
      for (Path f : files) {
        collect(Json.read(f.toString(), null), f.toString(), resources);
      }
    } else {
      collect(Json.read(path.toString(), null), path.toString(), resources);
    }
    return of(path.toString(), resources);
  }

  /** A store of the given resources; a later resource with the same type and id replaces an earlier one. */
  public static ResourceStore of(String origin, List<JsonNode> resources) {
    Map<String, ObjectNode> map = new LinkedHashMap<>();
    int anonymous = 0;
    for (JsonNode r : resources) {
      String key = r.hasNonNull("id") ? r.get("resourceType").asText() + "/" + r.get("id").asText() : "#" + anonymous++;
      map.put(key, (ObjectNode) r);
    }
    return new ResourceStore(origin, map);
  }

  private static void collect(JsonNode doc, String source, List<JsonNode> into) {
    if (!doc.isObject() || !doc.path("resourceType").isTextual()) {
      throw CdsException.badInput(source + " is not a FHIR resource (no resourceType): give a Bundle or resource JSON files");
    }
    if ("Bundle".equals(doc.get("resourceType").asText()) && doc.has("entry")) {
      for (JsonNode e : doc.path("entry")) {
        if (e.path("resource").isObject() && e.path("resource").path("resourceType").isTextual()) {
          into.add(e.get("resource"));
        }
      }
    } else {
      into.add(doc);
    }
  }

  @Override
  public FhirResponse get(String relativeUrl, Duration timeout) {
    return get(relativeUrl);
  }

  /** A read ({@code Type/id}), a search ({@code Type?…}) or {@code metadata}. */
  public FhirResponse get(String relativeUrl) {
    String url = relativeUrl.startsWith("/") ? relativeUrl.substring(1) : relativeUrl;
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q + 1);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] segments = path.split("/");
    if (segments.length == 1 && segments[0].equals("metadata")) {
      return new FhirResponse(200, capabilityStatement());
    }
    if (!segments[0].matches("[A-Z][A-Za-z]+") || segments.length > 2) {
      return new FhirResponse(400, outcome("not-supported", "'" + path + "' is not a read (Type/id) or a search (Type?…) this store answers"));
    }
    String type = segments[0];
    if (segments.length == 2) {
      ObjectNode found = byTypeAndId.get(type + "/" + UrlText.decode(segments[1]));
      return found != null ? new FhirResponse(200, found.deepCopy())
          : new FhirResponse(404, outcome("not-found", type + "/" + segments[1] + " is not in " + origin));
    }
    try {
      return new FhirResponse(200, StoreSearch.parse(query).run(type, byTypeAndId.values()));
    } catch (StoreSearch.Unsupported e) {
      return new FhirResponse(400, outcome("not-supported", e.getMessage()));
    }
  }

  /** The resource {@code type/id}, or null. */
  public JsonNode find(String type, String id) {
    return byTypeAndId.get(type + "/" + id);
  }

  public int size() {
    return byTypeAndId.size();
  }

  /** The resource types held, in first-seen order. */
  public Set<String> types() {
    Set<String> types = new LinkedHashSet<>();
    byTypeAndId.values().forEach(r -> types.add(r.get("resourceType").asText()));
    return types;
  }

  @Override
  public String describe() {
    return origin;
  }

  /** What {@code GET [base]/metadata} answers: read and the simple searches, per type held. */
  public ObjectNode capabilityStatement() {
    ObjectNode cs = Json.object();
    cs.put("resourceType", "CapabilityStatement");
    cs.put("status", "active");
    cs.put("date", loaded);
    cs.put("kind", "instance");
    cs.putObject("software").put("name", "cds offline FHIR store");
    cs.putObject("implementation").put("description", "read-only resources from " + origin);
    cs.put("fhirVersion", "4.0.1");
    cs.putArray("format").add("json");
    ObjectNode rest = cs.putArray("rest").addObject();
    rest.put("mode", "server");
    ArrayNode resources = rest.putArray("resource");
    for (String type : types()) {
      ObjectNode r = resources.addObject();
      r.put("type", type);
      r.putArray("interaction").add(Json.object().put("code", "read")).add(Json.object().put("code", "search-type"));
      ArrayNode params = r.putArray("searchParam");
      StoreSearch.ADVERTISED.forEach((name, kind) -> params.addObject().put("name", name).put("type", kind));
    }
    return cs;
  }

  static ObjectNode outcome(String code, String text) {
    ObjectNode oo = Json.object();
    oo.put("resourceType", "OperationOutcome");
    ObjectNode issue = oo.putArray("issue").addObject();
    issue.put("severity", "error");
    issue.put("code", code);
    issue.put("diagnostics", text);
    return oo;
  }
}
