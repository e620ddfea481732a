package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cds.core.Json;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a service's annotations, drops and card limit to a successful reply. Error replies and
 * bodies that are not objects pass unchanged, as does every reply of a service that shapes
 * nothing (so its bytes stay cached).
 */
final class ReplyShaper {
  private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
  private static final List<String> URGENCY = List.of("critical", "warning", "info");

  private ReplyShaper() {}

  static ServiceDefinition.Reply shape(ServiceDefinition service, ServiceDefinition.Reply reply, JsonNode request, Clock clock) {
    ServiceDefinition.Shaping shaping = service.shaping() == null ? ServiceDefinition.Shaping.NONE : service.shaping();
    if ((reply.annotate().isEmpty() && shaping.isEmpty()) || reply.status() / 100 != 2 || !(reply.body() instanceof ObjectNode)) {
      return reply;
    }
    ObjectNode body = reply.body().deepCopy();
    for (ServiceDefinition.Annotation a : reply.annotate()) {
      annotate(body, a, request, clock);
    }
    for (ServiceDefinition.Drop d : shaping.drops()) {
      if (RuleMatcher.matches(d.when(), request)) {
        drop(body, "cards", d.cards());
        drop(body, "systemActions", d.systemActions());
      }
    }
    if (shaping.maxCards() != null) {
      limit(body, shaping.maxCards(), request);
    }
    return new ServiceDefinition.Reply(reply.status(), body, reply.delayMillis(), List.of());
  }

  private static void annotate(ObjectNode body, ServiceDefinition.Annotation a, JsonNode request, Clock clock) {
    for (JsonNode resource : RuleMatcher.values(request, a.each())) {
      if (!resource.isObject() || !resource.has("resourceType") || (a.where() != null && !RuleMatcher.matches(a.where(), resource))) {
        continue;
      }
      ObjectNode copy = resource.deepCopy();
      JsonNode had = copy.get("extension");
      ArrayNode extensions = had instanceof ArrayNode arr ? arr : copy.putArray("extension");
      extensions.add(fill(a.extension(), request, clock));
      JsonNode actions = body.get("systemActions");
      ArrayNode list = actions instanceof ArrayNode arr ? arr : body.putArray("systemActions");
      ObjectNode action = list.addObject();
      action.put("type", "update");
      if (a.description() != null) {
        action.put("description", a.description());
      }
      action.set("resource", copy);
    }
  }

  /** A copy of {@code template} whose strings have their {@code {{path}}} tokens filled from the request. */
  private static JsonNode fill(JsonNode template, JsonNode request, Clock clock) {
    if (template.isTextual()) {
      Matcher m = TOKEN.matcher(template.asText());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String path = m.group(1);
        String value;
        if (path.equals("$today")) {
          value = LocalDate.now(clock).toString();
        } else {
          List<JsonNode> found = RuleMatcher.values(request, path);
          value = found.isEmpty() ? "" : found.get(0).asText();
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return TextNode.valueOf(sb.toString());
    }
    if (template.isObject()) {
      ObjectNode out = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), fill(e.getValue(), request, clock));
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Json.array();
      template.forEach(t -> out.add(fill(t, request, clock)));
      return out;
    }
    return template;
  }

  private static void drop(ObjectNode body, String member, JsonNode condition) {
    if (condition == null || !(body.get(member) instanceof ArrayNode items)) {
      return;
    }
    for (Iterator<JsonNode> it = items.iterator(); it.hasNext(); ) {
      if (RuleMatcher.matches(condition, it.next())) {
        it.remove();
      }
    }
  }

  /** Keeps the N most urgent cards (critical, warning, info; earlier first among equals) in their order. */
  private static void limit(ObjectNode body, ServiceDefinition.MaxCards max, JsonNode request) {
    if (!(body.get("cards") instanceof ArrayNode cards)) {
      return;
    }
    List<JsonNode> given = RuleMatcher.values(request, max.from());
    Integer n = !given.isEmpty() && given.get(0).canConvertToExactIntegral() ? Integer.valueOf(given.get(0).asInt()) : max.fallback();
    if (n == null || cards.size() <= Math.max(0, n)) {
      return;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < cards.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> urgency(cards.get(i))));
    List<Integer> keep = new ArrayList<>(order.subList(0, Math.max(0, n)));
    keep.sort(Comparator.naturalOrder());
    ArrayNode kept = Json.array();
    keep.forEach(i -> kept.add(cards.get(i)));
    body.set("cards", kept);
  }

  private static int urgency(JsonNode card) {
    int i = URGENCY.indexOf(card.path("indicator").asText());
    return i < 0 ? URGENCY.size() : i;
  }
}
