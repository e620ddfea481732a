package dev.cds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hooks cds knows, read from resource files ({@code hooks/index.json}, one definition per hook
 * version and one context template per FHIR version). Adding a hook is adding files, never code.
 */
public final class HookCatalog {
  /** An index row: the hook, its versions, the version used when none is asked for. */
  public record Entry(String hook, List<String> versions, String defaultVersion) {}

  /**
   * The edition of the CDS Hooks hook library the catalog follows.
   *
   * @param version the library's IG version, e.g. 2.0.0-cibuild
   * @param date when that edition was taken
   * @param published the last published release of the library
   */
  public record Library(String name, String version, String date, String url, String published) {}

  /** A hook's code in the library's hook codes CodeSystem. */
  public record Code(String system, String code, String display, boolean deprecated) {}

  private final String root;
  private final Library library;
  private final List<Entry> entries;
  private final Map<String, HookDefinition> definitions = new ConcurrentHashMap<>();

  private HookCatalog(String root, Library library, List<Entry> entries) {
    this.root = root;
    this.library = library;
    this.entries = entries;
  }

  /**
   * The catalog shipped inside cds, read once per run: the start-up warm-up and the command share
   * it (its definitions are cached in a concurrent map).
   */
  public static HookCatalog bundled() {
    return Bundled.CATALOG;
  }

  /** Read when first asked for: a second thread that asks meanwhile waits for it rather than reading it again. */
  private static final class Bundled {
    static final HookCatalog CATALOG = load("/hooks");
  }

  static HookCatalog load(String root) {
    List<Entry> entries = new ArrayList<>();
    JsonNode index = Json.resource(root + "/index.json");
    JsonNode lib = index.path("library");
    Library library = new Library(lib.path("name").asText(), lib.path("version").asText(),
        lib.path("date").asText(), lib.path("url").asText(), lib.path("published").asText());
    for (JsonNode e : index.path("hooks")) {
      entries.add(new Entry(
          e.path("hook").asText(),
          strings(e.path("versions")),
          e.path("defaultVersion").asText()));
    }
    return new HookCatalog(root, library, List.copyOf(entries));
  }

  public Library library() {
    return library;
  }

  /** The library's hook codes CodeSystem as a FHIR resource (a fresh copy). */
  public JsonNode codeSystem() {
    return Json.resource(root + "/CodeSystem-HookCodes.json");
  }

  /** A hook's code in the hook codes CodeSystem, or null when the CodeSystem does not list it yet. */
  public Code code(String hook) {
    JsonNode cs = codeSystem();
    for (JsonNode c : cs.path("concept")) {
      if (c.path("code").asText().equals(hook)) {
        boolean deprecated = false;
        for (JsonNode p : c.path("property")) {
          deprecated |= p.path("code").asText().equals("status") && p.path("valueCode").asText().equals("deprecated");
        }
        return new Code(cs.path("url").asText(), hook, c.path("display").asText(), deprecated);
      }
    }
    return null;
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      names.add(e.hook());
    }
    return List.copyOf(names);
  }

  public boolean knows(String hook) {
    return find(hook) != null;
  }

  private Entry find(String hook) {
    for (Entry e : entries) {
      if (e.hook().equals(hook)) {
        return e;
      }
    }
    return null;
  }

  /** The entry for a hook name, or a usage error that suggests the nearest names. */
  public Entry entry(String hook) {
    Entry entry = find(hook);
    if (entry == null) {
      throw CdsException.usage("unknown hook '" + hook + "'" + Suggestions.didYouMean(hook, names())
          + " (cds hooks lists them all)");
    }
    return entry;
  }

  /** A hook version's definition; {@code version} null means the default version. */
  public HookDefinition definition(String hook, String version) {
    Entry entry = entry(hook);
    String v = version == null ? entry.defaultVersion() : version;
    if (!entry.versions().contains(v)) {
      throw CdsException.usage("hook " + hook + " has no version " + v
          + ": known versions are " + String.join(", ", entry.versions()));
    }
    String key = hook + "/" + v;
    HookDefinition def = definitions.get(key);
    if (def == null) {
      def = parse(Json.resource(root + "/" + key + ".json"));
      HookDefinition raced = definitions.putIfAbsent(key, def);
      def = raced == null ? def : raced;
    }
    return def;
  }

  /**
   * The one hook-version policy of cds ({@code init}, {@code call}, {@code prefetch},
   * {@code validate} and {@code test} all use it): the version asked for; else the one the service
   * advertises ({@code hookVersion}, CDS Hooks 3.0); else the version whose fields the context
   * matches best (order-dispatch 1.0 and 1.1 differ); else the default. A version the catalog does
   * not know falls back to the nearest known one with a warning, never a failure: services
   * advertise versions newer than this catalog.
   */
  public VersionChoice resolve(String hook, String requested, String advertised, JsonNode context) {
    if (hook == null || !knows(hook)) {
      String v = requested != null ? requested : advertised;
      return new VersionChoice(null, v, "cds has no catalog entry for this hook", null);
    }
    Entry entry = entry(hook);
    if (requested != null) {
      return pick(entry, requested, "requested");
    }
    if (advertised != null) {
      return pick(entry, advertised, "advertised by the service");
    }
    if (context != null && context.isObject() && context.size() > 0 && entry.versions().size() > 1) {
      HookDefinition best = definition(hook, entry.defaultVersion());
      int bestScore = score(best, context);
      for (String v : entry.versions()) {
        HookDefinition d = definition(hook, v);
        int s = score(d, context);
        if (s > bestScore) {
          best = d;
          bestScore = s;
        }
      }
      boolean isDefault = best.version().equals(entry.defaultVersion());
      return new VersionChoice(best, best.version(),
          isDefault ? "the catalog's default (the context fits it)" : "the version the context's fields match", null);
    }
    return new VersionChoice(definition(hook, entry.defaultVersion()), entry.defaultVersion(), "the catalog's default", null);
  }

  private VersionChoice pick(Entry entry, String asked, String reason) {
    if (entry.versions().contains(asked)) {
      return new VersionChoice(definition(entry.hook(), asked), asked, reason, null);
    }
    String nearest = nearest(entry.versions(), asked);
    return new VersionChoice(definition(entry.hook(), nearest), nearest, "nearest known to " + asked + " (" + reason + ")",
        entry.hook() + " " + asked + " (" + reason + ") is not in cds's hook catalog (it knows "
            + String.join(", ", entry.versions()) + "): checking against " + nearest);
  }

  /** The highest known version not above {@code asked}; else the lowest known one. */
  static String nearest(List<String> known, String asked) {
    String below = null;
    String lowest = null;
    for (String v : known) {
      if (lowest == null || compare(v, lowest) < 0) {
        lowest = v;
      }
      if (compare(v, asked) <= 0 && (below == null || compare(v, below) > 0)) {
        below = v;
      }
    }
    return below != null ? below : lowest;
  }

  /** Dotted versions compared number by number; a part that is not a number compares as text. */
  static int compare(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c;
      try {
        c = Long.compare(Long.parseLong(p), Long.parseLong(q));
      } catch (NumberFormatException e) {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Known fields (and aliases) count for a version, unknown ones and missing required ones against it. */
  private static int score(HookDefinition d, JsonNode context) {
    int score = 0;
    for (java.util.Iterator<String> names = context.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      score += d.field(name).isPresent() || d.aliases().containsKey(name) ? 1 : -1;
    }
    for (ContextField f : d.fields()) {
      if (f.required() && !context.has(f.name())) {
        score -= 1;
      }
    }
    return score;
  }

  /** A fresh copy of the context template for a FHIR version, or bad input (exit 3) if the library has none. */
  public ObjectNode template(HookDefinition def, String fhirVersion) {
    HookDefinition.Template t = def.templates().get(fhirVersion);
    if (t == null) {
      throw CdsException.badInput("the hook library has no {0} example for {1} {2}; available: {3} (use {4})", null,
          fhirVersion, def.hook(), def.version(),
          def.templates().isEmpty() ? "none" : String.join(", ", def.templates().keySet()), Setting.FHIR_VERSION);
    }
    return (ObjectNode) Json.resource(root + "/" + def.hook() + "/" + t.file());
  }

  private static HookDefinition parse(JsonNode n) {
    List<ContextField> fields = new ArrayList<>();
    for (JsonNode f : n.path("fields")) {
      Map<String, List<String>> resourceTypes = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : f.path("resourceTypes").properties()) {
        resourceTypes.put(e.getKey(), strings(e.getValue()));
      }
      fields.add(new ContextField(
          f.path("name").asText(),
          f.path("required").asBoolean(),
          f.path("prefetchToken").asBoolean(),
          f.path("type").asText(),
          f.path("form").asText(),
          strings(f.path("referenceTypes")),
          resourceTypes,
          f.path("description").asText(),
          strings(f.path("obeys")),
          text(f.path("expectedStatus"))));
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("aliases").properties()) {
      aliases.put(e.getKey(), e.getValue().asText());
    }
    Map<String, HookDefinition.Template> templates = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("templates").properties()) {
      JsonNode t = e.getValue();
      templates.put(e.getKey(),
          new HookDefinition.Template(t.path("file").asText(), text(t.path("note")), text(t.path("adaptedFrom"))));
    }
    List<HookDefinition.ChangeLogEntry> changeLog = new ArrayList<>();
    for (JsonNode c : n.path("changeLog")) {
      changeLog.add(new HookDefinition.ChangeLogEntry(c.path("version").asText(), c.path("description").asText()));
    }
    return new HookDefinition(
        n.path("hook").asText(),
        n.path("version").asText(),
        n.path("specificationVersion").asText(),
        n.path("maturity").asText(),
        n.path("deprecated").asBoolean(),
        strings(n.path("replacedBy")),
        n.path("summary").asText(),
        n.path("source").asText(),
        List.copyOf(changeLog),
        List.copyOf(fields),
        aliases,
        templates,
        strings(n.path("notes")),
        text(n.path("contextModel")));
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array) {
      out.add(v.asText());
    }
    return List.copyOf(out);
  }
}
