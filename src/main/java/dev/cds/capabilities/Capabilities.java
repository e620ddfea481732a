package dev.cds.capabilities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.prefetch.TokenRules;
import java.util.ArrayList;
import java.util.List;

/**
 * What cds supports as a CDS client, in plain language and as JSON: CDS Hooks 3.0 asks clients
 * to document their capabilities, and to say whether they support
 * {@code suggestion.actionSelectionBehavior} ("Capability Documentation"). The hook list and the
 * versions come from the catalog and the code, so the document cannot drift from the program.
 */
public final class Capabilities {
  /** One topic: a title, plain-language lines, and the same facts as JSON under {@code key}. */
  public record Section(String key, String title, List<String> lines, ObjectNode json) {}

  /** JWS algorithms cds signs CDS Hooks JWTs with and accepts when it verifies one (CDS Hooks: ES384, RS384). */
  static final List<String> JWT_ALGORITHMS = List.of("ES384", "RS384");

  private final List<Section> sections;
  private final String client;

  private Capabilities(String client, List<Section> sections) {
    this.client = client;
    this.sections = List.copyOf(sections);
  }

  /** {@code version}: cds's own version, or null for a development build. */
  public static Capabilities describe(HookCatalog catalog, String version) {
    List<Section> s = new ArrayList<>();
    s.add(spec());
    s.add(hooks(catalog));
    s.add(prefetch());
    s.add(jwt());
    s.add(cards());
    s.add(actionSelectionBehavior());
    s.add(systemActions());
    s.add(feedback());
    return new Capabilities("cds " + (version == null ? "(development build)" : version), s);
  }

  public String client() {
    return client;
  }

  public List<Section> sections() {
    return sections;
  }

  /** {@code {"client": …, "<key>": {…}, …}}: one member per section. */
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("client", client);
    sections.forEach(s -> n.set(s.key(), s.json()));
    return n;
  }

  private static Section spec() {
    ObjectNode json = Json.object();
    json.put("default", SpecVersion.DEFAULT.label());
    ArrayNode versions = json.putArray("versions");
    List<String> lines = new ArrayList<>();
    for (SpecVersion v : SpecVersion.values()) {
      ObjectNode n = versions.addObject();
      n.put("version", v.label());
      n.put("release", v.release());
      n.put("status", v.status());
      lines.add("CDS Hooks " + v.label() + " (" + v.release() + ", " + v.status() + ")"
          + (v == SpecVersion.DEFAULT ? ": the default" : ": on request, for its 3.0-only rules"));
    }
    lines.add("Under 2.0, a 3.0 feature a service uses (actionSelectionBehavior, hookVersion, SMART v2 scopes)"
        + " is a warning or a note, never a failure.");
    return new Section("spec", "Specification versions", lines, json);
  }

  private static Section hooks(HookCatalog catalog) {
    ObjectNode json = Json.object();
    HookCatalog.Library lib = catalog.library();
    ObjectNode library = json.putObject("library");
    library.put("version", lib.version());
    library.put("date", lib.date());
    library.put("published", lib.published());
    ArrayNode list = json.putArray("hooks");
    List<String> lines = new ArrayList<>();
    lines.add("The " + lib.name() + " as of " + lib.date() + " (" + lib.version() + "): every hook can be sent,"
        + " built from its context table, and validated.");
    for (HookCatalog.Entry e : catalog.entries()) {
      HookDefinition d = catalog.definition(e.hook(), null);
      ObjectNode n = list.addObject();
      n.put("hook", e.hook());
      e.versions().forEach(n.putArray("versions")::add);
      n.put("defaultVersion", e.defaultVersion());
      n.put("maturity", d.maturity());
      n.put("deprecated", d.deprecated());
      lines.add(e.hook() + " " + String.join(", ", e.versions()) + " (maturity " + d.maturity()
          + (d.deprecated() ? "; deprecated, replaced by " + String.join(" and ", d.replacedBy()) : "") + ")");
    }
    lines.add("Other hooks can be sent too; their context is not checked.");
    return new Section("hooks", "Hooks", lines, json);
  }

  private static Section prefetch() {
    ObjectNode json = Json.object();
    ArrayNode tokens = json.putArray("tokens");
    for (TokenRules r : List.of(TokenRules.V2, TokenRules.CRD, TokenRules.FHIRPATH)) {
      tokens.add(r.label());
    }
    ArrayNode fhirPath = json.putArray("fhirPath");
    List.of("%key (an earlier prefetch key)", "| (union)", "today() and date ± N days", "ofType()", "resolve()",
        "extension('url')").forEach(fhirPath::add);
    json.put("paging", true);
    json.put("queryRestrictions", "checked in discovery validation");
    ArrayNode sources = json.putArray("sources");
    List.of("FHIR server", "FHIR Bundle or folder of resources", "ready prefetch object").forEach(sources::add);
    List<String> lines = List.of(
        "Tokens: CDS Hooks 2.0 ({{context.field}} and the user tokens), Da Vinci CRD 2.0"
            + " ({{context.KEY.TYPE.id}}) and the CDS Hooks 3.0 Simpler FHIRPath subset: %key, |, today() ± days,"
            + " ofType(), resolve(), extension('url').",
        "Templates are fulfilled from a FHIR server (with a bearer token), from resources on disk, or taken from a"
            + " ready prefetch object; only fulfilled keys are sent, a read that finds nothing is sent as null.",
        "Searches can be paged: next links followed up to a page cap and _maxresults, merged into one searchset"
            + " Bundle.",
        "Discovery validation checks templates against the prefetch query restrictions.");
    return new Section("prefetch", "Prefetch", lines, json);
  }

  private static Section jwt() {
    ObjectNode json = Json.object();
    JWT_ALGORITHMS.forEach(json.putArray("sign")::add);
    JWT_ALGORITHMS.forEach(json.putArray("verify")::add);
    json.put("jku", true);
    json.put("keyRotation", true);
    json.put("smartBackendServices", true);
    List<String> lines = List.of(
        "Signs the CDS Hooks JWT with " + String.join(" or ", JWT_ALGORITHMS) + " (and verifies only those),"
            + " with kid and, when given, the jku URL of the published JWK Set (a SHOULD in CDS Hooks 3.0).",
        "Generates key pairs and their public JWK Set, and rotates keys: a new key and a JWK Set holding the"
            + " old and the new public keys (cds keys).",
        "Obtains FHIR access for a service with SMART Backend Services.");
    return new Section("jwt", "Authentication", lines, json);
  }

  private static Section cards() {
    ObjectNode json = Json.object();
    json.put("detail", "GitHub-flavoured markdown, tables included");
    json.put("selectionBehavior", true);
    json.put("overrideReasons", true);
    json.put("links", "shown with their URL; smart links are not launched");
    List<String> lines = List.of(
        "Cards are rendered in the terminal: indicator, summary, source, detail as GitHub-flavoured markdown"
            + " (tables drawn as columns), suggestions with card.selectionBehavior, override reasons and links.",
        "Links are shown, never opened; SMART links are not launched.");
    return new Section("cards", "Cards", lines, json);
  }

  private static Section actionSelectionBehavior() {
    ObjectNode json = Json.object();
    json.put("supported", true);
    List.of("all", "any", "at-most-one").forEach(json.putArray("values")::add);
    List<String> lines = List.of(
        "Supported (CDS Hooks 3.0, STU): each suggestion's actions are shown as \"all of\", \"any of\" or \"at"
            + " most one of\", and the interactive mode of cds call lets the user choose actions within those limits.",
        "Validated as cds-resp-7: an error under 3.0, a warning under 2.0, where clients apply every action.");
    return new Section("actionSelectionBehavior", "suggestion.actionSelectionBehavior", lines, json);
  }

  private static Section systemActions() {
    ObjectNode json = Json.object();
    json.put("rendered", true);
    json.put("validated", true);
    json.put("applied", false);
    List<String> lines = List.of(
        "System actions are shown and validated, and never applied: cds has no record to change.");
    return new Section("systemActions", "systemActions", lines, json);
  }

  private static Section feedback() {
    ObjectNode json = Json.object();
    json.put("supported", true);
    List.of("accepted", "overridden").forEach(json.putArray("outcomes")::add);
    json.put("overrideReasons", true);
    json.put("systemActions", false);
    List<String> lines = List.of(
        "Sends feedback to a service's feedback endpoint: accepted suggestions, or overridden with a reason from"
            + " the card's overrideReasons and a comment (cds feedback, or interactively after cds call).",
        "Feedback on system actions is not sent.");
    return new Section("feedback", "Feedback", lines, json);
  }
}
