package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Suggestions;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** A discovery document (CDS Hooks 2.0 §1): {@code {"services": […]}}. */
final class DiscoveryChecks {
  /** Characters a service id may use unescaped in {base}/cds-services/{id}. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-._~]+");

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
      prefetch(at, s.get("prefetch"), out);
    }
  }

  private static void prefetch(String service, JsonNode prefetch, Findings out) {
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
      String problem = templateProblem(e.getValue().asText());
      if (problem != null) {
        out.error("discovery.prefetch.template", at, "prefetch '" + e.getKey() + "': " + problem);
      }
    }
  }

  /**
   * What is wrong with a template's {{…}} tokens, or null. Only balance and non-empty tokens:
   * the token grammar belongs to the prefetch package's parser.
   */
  static String templateProblem(String template) {
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf("{{", i);
      int close = template.indexOf("}}", i);
      if (open < 0 && close < 0) {
        return null;
      }
      if (open < 0 || (close >= 0 && close < open)) {
        return "'}}' at character " + (close + 1) + " closes no '{{'";
      }
      int end = template.indexOf("}}", open + 2);
      int nested = template.indexOf("{{", open + 2);
      if (end < 0) {
        return "'{{' at character " + (open + 1) + " is never closed with '}}'";
      }
      if (nested >= 0 && nested < end) {
        return "'{{' at character " + (open + 1) + " is not closed before the next '{{'";
      }
      if (template.substring(open + 2, end).isBlank()) {
        return "empty token '{{}}' at character " + (open + 1) + ": name a context field, e.g. {{context.patientId}}";
      }
      i = end + 2;
    }
    return null;
  }

  private static boolean text(JsonNode v) {
    return v != null && v.isTextual() && !v.asText().isBlank();
  }
}
