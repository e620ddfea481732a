package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Suggestions;
import dev.cds.prefetch.PrefetchTemplate;
import dev.cds.prefetch.TemplateException;
import dev.cds.prefetch.TokenRules;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A discovery document (CDS Hooks 2.0 §1): {@code {"services": […]}}. */
final class DiscoveryChecks {
  /** Characters a service id may use unescaped in {base}/cds-services/{id}. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-._~]+");
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
    try {
      PrefetchTemplate.parse(template, TokenRules.V2, hook);
    } catch (TemplateException e) {
      out.warning("discovery.prefetch.tokens", at, "prefetch '" + key + "' goes beyond CDS Hooks 2.0 tokens"
          + " (CRD or the 3.0 ballot's FHIRPath): clients that keep to 2.0 skip it: " + e.getMessage());
    }
  }

  private static boolean text(JsonNode v) {
    return v != null && v.isTextual() && !v.asText().isBlank();
  }
}
