package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Suggestions;
import dev.cds.prefetch.PrefetchTemplate;
import dev.cds.prefetch.TemplateException;
import dev.cds.prefetch.TokenRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A discovery document (CDS Hooks 2.0 and 3.0 §Discovery): {@code {"services": […]}}. */
final class DiscoveryChecks {
  /** Characters a service id may use unescaped in {base}/cds-services/{id}. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-._~]+");
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern HOOK_VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
  private static final Pattern CONTEXT_TOKEN = Pattern.compile("\\{\\{\\s*context\\.([A-Za-z_][A-Za-z0-9_-]*)");

  private DiscoveryChecks() {}

  static void check(JsonNode doc, HookCatalog catalog, Findings out) {
    JsonNode services = doc.path("services");
    if (!doc.isObject() || !services.isArray()) {
      out.error("discovery.services", doc.has("services") ? "/services" : "", "a discovery document is"
          + " {\"services\": […]} with one entry per service ({\"services\": []} when there are none)");
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < services.size(); i++) {
      String at = Pointer.index("/services", i);
      JsonNode s = services.get(i);
      if (!s.isObject()) {
        out.error("discovery.service", at, "a service is an object with hook, id and description");
        continue;
      }
      JsonNode hook = s.get("hook");
      if (!text(hook)) {
        out.error("discovery.service.hook", at, "a service needs 'hook': the hook it answers, e.g. \"order-sign\"");
      } else if (!catalog.knows(hook.asText())) {
        out.warning("discovery.service.hook.unknown", Pointer.field(at, "hook"), "'" + hook.asText()
            + "' is not a hook cds knows" + Suggestions.didYouMean(hook.asText(), catalog.names())
            + " (custom hooks are allowed)");
      } else if (catalog.definition(hook.asText(), null).deprecated()) {
        out.warning("discovery.service.hook.deprecated", Pointer.field(at, "hook"), hook.asText()
            + " is deprecated: offer " + String.join(" or ", catalog.definition(hook.asText(), null).replacedBy())
            + " instead");
      }
      JsonNode id = s.get("id");
      if (!text(id)) {
        out.error("discovery.service.id", at, "a service needs 'id': it is called at {base}/cds-services/{id}");
      } else if (!ID.matcher(id.asText()).matches()) {
        out.error("discovery.service.id", Pointer.field(at, "id"), "'" + id.asText() + "' cannot be one URL path"
            + " segment of {base}/cds-services/{id}: use letters, digits, '-', '.', '_' or '~'");
      }
      if (!text(s.get("description"))) {
        out.error("discovery.service.description", at, "a service needs 'description': what it does");
      }
      if (!text(s.get("title"))) {
        out.warning("discovery.service.title", at, "a service should have a 'title': its human-readable name");
      }
      version(at, s.get("version"), out);
      hookVersion(at, s, catalog, out);
      if (text(hook) && text(id)) {
        String key = id.asText() + " " + hook.asText();
        String first = seen.putIfAbsent(key, at);
        if (first != null) {
          out.error("discovery.service.unique", at, "service '" + id.asText() + "' for " + hook.asText()
              + " is listed twice (also at " + first + "): a (id, hook) pair appears once");
        }
      }
      prefetch(at, s.get("prefetch"), definition(catalog, s), out);
    }
  }

  /** The catalog's definition of the service's hook (its hookVersion when it names a known one), or null. */
  private static HookDefinition definition(HookCatalog catalog, JsonNode service) {
    String hook = service.path("hook").asText();
    if (!catalog.knows(hook)) {
      return null;
    }
    return catalog.resolve(hook, null, service.path("hookVersion").asText(null), null).definition();
  }

  /**
   * {@code version}: the semantic version of CDS Hooks the service implements (3.0, RECOMMENDED).
   * Its absence is only a note under 3.0; a value that is not semver is a warning either way.
   */
  private static void version(String service, JsonNode version, Findings out) {
    String at = Pointer.field(service, "version");
    if (version == null) {
      if (out.spec().atLeast(SpecVersion.V3_0)) {
        out.note("discovery.service.version", service, "CDS Hooks 3.0 recommends 'version': the semantic version"
            + " of the spec the service implements, e.g. \"3.0.0\"");
      }
    } else if (!version.isTextual() || !SEMVER.matcher(version.asText()).matches()) {
      out.warning("discovery.service.version", at, (version.isTextual() ? "'" + version.asText() + "'" : version.toString())
          + " is not a semantic version: 'version' names the CDS Hooks version the service implements, e.g. \"3.0.0\""
          + (version.asText().toUpperCase(java.util.Locale.ROOT).startsWith("STU") ? " (not the STU label)" : ""));
    }
  }

  /**
   * {@code hookVersion} (3.0): the hook version the service answers, which SHALL be one the hook
   * library publishes. One the catalog does not know is a warning, never an error: the library
   * moves faster than any client.
   */
  private static void hookVersion(String service, JsonNode s, HookCatalog catalog, Findings out) {
    JsonNode v = s.get("hookVersion");
    if (v == null) {
      return;
    }
    String at = Pointer.field(service, "hookVersion");
    if (!v.isTextual() || v.asText().isBlank()) {
      out.since3("discovery.service.hookVersion", at, "'hookVersion' must be the version string of the hook"
          + " definition, e.g. \"1.0\", not " + ContextChecks.kind(v));
      return;
    }
    String version = v.asText();
    if (!HOOK_VERSION.matcher(version).matches()) {
      out.warning("discovery.service.hookVersion", at, "'" + version + "' is not a hook version: the hook library"
          + " versions hooks as major.minor or major.minor.patch, e.g. \"1.0\" or \"0.1.0\"");
      return;
    }
    String hook = s.path("hook").asText();
    if (!catalog.knows(hook)) {
      return;
    }
    List<String> known = new ArrayList<>();
    for (String d : catalog.entry(hook).versions()) {
      known.add(d);
      catalog.definition(hook, d).changeLog().forEach(c -> known.add(c.version()));
    }
    if (known.stream().noneMatch(k -> sameVersion(k, version))) {
      out.warning("discovery.service.hookVersion.unknown", at, "the hook library has no " + hook + " version '"
          + version + "' (cds knows " + String.join(", ", catalog.entry(hook).versions()) + "): its prefetch"
          + " is checked against " + hook + " " + catalog.resolve(hook, null, version, null).version());
    }
  }

  /** 1.1 and 1.1.0 name the same hook version (the library writes both). */
  static boolean sameVersion(String a, String b) {
    return normal(a).equals(normal(b));
  }

  private static String normal(String v) {
    String n = v.trim();
    while (n.matches("\\d+(\\.\\d+)?")) {
      n = n + ".0";
    }
    return n;
  }

  private static void prefetch(String service, JsonNode prefetch, HookDefinition hook, Findings out) {
    if (prefetch == null) {
      return;
    }
    String pat = Pointer.field(service, "prefetch");
    if (!prefetch.isObject()) {
      out.error("discovery.service.prefetch", pat, "'prefetch' must be an object: key → template");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = prefetch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = Pointer.field(pat, e.getKey());
      if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        out.error("discovery.service.prefetch", at, "prefetch '" + e.getKey() + "' must be a template string,"
            + " e.g. \"Patient/{{context.patientId}}\"");
        continue;
      }
      template(at, e.getKey(), e.getValue().asText(), hook, out);
    }
  }

  /**
   * A template through the prefetch package's parser: under every token grammar cds knows
   * (an error when none accepts it), then under plain CDS Hooks 2.0 (a warning when only the CRD
   * or FHIRPath grammars accept it, as clients that keep to 2.0 skip the key).
   */
  private static void template(String at, String key, String template, HookDefinition hook, Findings out) {
    try {
      PrefetchTemplate.parse(template, TokenRules.ALL, hook);
    } catch (TemplateException e) {
      out.error("discovery.prefetch.template", at, "prefetch '" + key + "': " + e.getMessage());
      return;
    }
    Matcher field = CONTEXT_TOKEN.matcher(template);
    while (hook != null && field.find()) {
      if (hook.field(field.group(1)).isEmpty()) {
        out.warning("discovery.prefetch.tokens", at, "prefetch '" + key + "': context." + field.group(1)
            + " is not a context field of " + hook.hook() + " " + hook.version() + ", so clients always skip"
            + " this key" + Suggestions.didYouMean(field.group(1), hook.fields().stream().map(f -> f.name()).toList()));
        return;
      }
    }
    QueryRestrictions.check(at, key, template, out);
    boolean v3 = out.spec().atLeast(SpecVersion.V3_0);
    try {
      PrefetchTemplate.parse(template, v3 ? TokenRules.FHIRPATH : TokenRules.V2, hook);
    } catch (TemplateException e) {
      out.warning("discovery.prefetch.tokens", at, "prefetch '" + key + "' goes beyond CDS Hooks "
          + (v3 ? "3.0 tokens (the CRD 2.0 form): clients that keep to 3.0 skip it: "
              : "2.0 tokens (CRD or the 3.0 FHIRPath): clients that keep to 2.0 skip it: ") + e.getMessage());
    }
  }

  private static boolean text(JsonNode v) {
    return v != null && v.isTextual() && !v.asText().isBlank();
  }
}
