package dev.cds.validate;

import dev.cds.core.Grammar;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.SafeUrls;
import dev.cds.core.SpecVersion;
import dev.cds.validate.ContextChecks.Member;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A service's response (CDS Hooks 2.0 §5): cards, suggestions, actions, links, system actions. */
final class ResponseChecks {
  private static final List<String> INDICATORS = List.of("info", "warning", "critical");
  private static final List<String> SELECTION = List.of("at-most-one", "any");
  private static final List<String> ACTION_SELECTION = List.of("all", "any", "at-most-one");
  private static final List<String> ACTION_TYPES = List.of("create", "update", "delete");
  private static final List<String> LINK_TYPES = List.of("absolute", "smart");

  private final Findings out;
  /** uuid → where it was first seen. */
  private final Map<String, String> uuids = new HashMap<>();
  private final List<Member> resources;

  private ResponseChecks(Findings out, List<Member> resources) {
    this.out = out;
    this.resources = resources;
  }

  /** Checks {@code response}, adding the resources of its actions to {@code resources}. */
  static void check(JsonNode response, Findings out, List<Member> resources) {
    new ResponseChecks(out, resources).response(response);
  }

  private void response(JsonNode response) {
    if (!response.isObject()) {
      out.error("response.object", "", "a response is a JSON object {\"cards\": […]}, not " + ContextChecks.kind(response));
      return;
    }
    JsonNode cards = response.get("cards");
    if (cards == null || !cards.isArray()) {
      out.error("response.cards", cards == null ? "" : "/cards", "'cards' must be an array of cards"
          + " ({\"cards\": []} when there is no advice)" + (cards == null ? " (it is missing)" : ""));
    } else {
      for (int i = 0; i < cards.size(); i++) {
        card(Pointer.index("/cards", i), cards.get(i));
      }
    }
    JsonNode system = response.get("systemActions");
    if (system != null) {
      if (!system.isArray()) {
        out.error("response.systemActions", "/systemActions", "'systemActions' must be an array of actions");
      } else {
        for (int i = 0; i < system.size(); i++) {
          action(Pointer.index("/systemActions", i), system.get(i), false);
        }
      }
    }
  }

  private void card(String at, JsonNode card) {
    if (!card.isObject()) {
      out.error("response.card", at, "a card is an object with summary, indicator and source, not " + ContextChecks.kind(card));
      return;
    }
    uuid(at, card);
    JsonNode summary = card.get("summary");
    if (summary == null || !summary.isTextual() || summary.asText().isBlank()) {
      out.error("response.card.summary", summary == null ? at : Pointer.field(at, "summary"),
          "'summary' is required: one sentence under 140 characters");
    } else if (summary.asText().codePointCount(0, summary.asText().length()) >= 140) {
      out.error("response.card.summary.length", Pointer.field(at, "summary"), "'summary' has "
          + summary.asText().codePointCount(0, summary.asText().length())
          + " characters: keep it under 140 and put the rest in 'detail'");
    }
    JsonNode detail = card.get("detail");
    if (detail != null && !detail.isTextual()) {
      out.error("response.card.detail", Pointer.field(at, "detail"), "'detail' must be a markdown string");
    } else if (detail != null) {
      for (String url : MarkdownLinks.targets(detail.asText())) {
        scheme(Pointer.field(at, "detail"), url, "a link in 'detail'");
      }
    }
    JsonNode indicator = card.get("indicator");
    if (indicator == null || !INDICATORS.contains(indicator.asText())) {
      out.error("response.card.indicator", indicator == null ? at : Pointer.field(at, "indicator"),
          "'indicator' must be info, warning or critical"
              + (indicator == null ? " (it is missing)"
                  : indicator.asText().equals("hard-stop") ? ", not 'hard-stop' (the pre-1.0 name of critical)"
                  : ", not '" + indicator.asText() + "'"));
    }
    source(at, card.get("source"));
    suggestions(at, card);
    JsonNode reasons = card.get("overrideReasons");
    if (reasons != null) {
      if (!reasons.isArray()) {
        out.error("response.overrideReason", Pointer.field(at, "overrideReasons"), "'overrideReasons' must be an array of Codings");
      } else {
        for (int i = 0; i < reasons.size(); i++) {
          String p = Pointer.index(Pointer.field(at, "overrideReasons"), i);
          coding(p, reasons.get(i));
          if (!reasons.get(i).path("display").isTextual()) {
            out.error("cds-resp-4", p, "an override reason needs a 'display' the clinician can pick");
          }
        }
      }
    }
    links(at, card.get("links"));
  }

  private void source(String card, JsonNode source) {
    String at = Pointer.field(card, "source");
    if (source == null || !source.isObject()) {
      out.error("response.card.source", source == null ? card : at, "'source' must be an object with at least"
          + " a 'label' naming who gives the advice");
      return;
    }
    if (!source.path("label").isTextual() || source.path("label").asText().isBlank()) {
      out.error("response.card.source.label", at, "'source.label' is required: the name of the source"
          + " shown to the clinician");
    }
    for (String name : List.of("url", "icon")) {
      JsonNode v = source.get(name);
      if (v != null && !absolute(v)) {
        out.error("response.card.source.url", Pointer.field(at, name), "'source." + name + "' must be an absolute URL");
      }
      if (v != null && v.isTextual()) {
        scheme(Pointer.field(at, name), v.asText(), "'source." + name + "'");
      }
    }
    if (source.has("topic")) {
      coding(Pointer.field(at, "topic"), source.get("topic"));
    }
  }

  private void suggestions(String card, JsonNode c) {
    JsonNode suggestions = c.get("suggestions");
    JsonNode behavior = c.get("selectionBehavior");
    String sat = Pointer.field(card, "suggestions");
    if (suggestions != null && !suggestions.isArray()) {
      out.error("response.card.suggestions", sat, "'suggestions' must be an array");
    }
    boolean has = suggestions != null && suggestions.isArray() && !suggestions.isEmpty();
    if (has && behavior == null) {
      out.error("cds-resp-6", card, "'selectionBehavior' is required with suggestions:"
          + " \"at-most-one\" or \"any\"");
    } else if (behavior != null && !SELECTION.contains(behavior.asText())) {
      out.error("response.card.selectionBehavior", Pointer.field(card, "selectionBehavior"),
          "'selectionBehavior' must be \"at-most-one\" or \"any\", not " + behavior);
    }
    if (!has) {
      return;
    }
    int recommended = 0;
    for (int i = 0; i < suggestions.size(); i++) {
      String at = Pointer.index(sat, i);
      JsonNode s = suggestions.get(i);
      if (!s.isObject()) {
        out.error("response.suggestion", at, "a suggestion is an object with a label and actions");
        continue;
      }
      uuid(at, s);
      if (!s.path("label").isTextual() || s.path("label").asText().isBlank()) {
        out.error("response.suggestion.label", at, "a suggestion needs a 'label': the text of its button");
      }
      if (s.path("isRecommended").asBoolean(false)) {
        recommended++;
      }
      actionSelectionBehavior(at, s.get("actionSelectionBehavior"));
      JsonNode actions = s.get("actions");
      if (actions != null) {
        if (!actions.isArray()) {
          out.error("response.action", Pointer.field(at, "actions"), "'actions' must be an array of actions");
        } else {
          for (int j = 0; j < actions.size(); j++) {
            action(Pointer.index(Pointer.field(at, "actions"), j), actions.get(j), true);
          }
        }
      }
    }
    if (recommended > 1 && "at-most-one".equals(behavior == null ? null : behavior.asText())) {
      out.since3("cds-resp-1", sat, recommended + " suggestions are recommended but"
          + " selectionBehavior is at-most-one: recommend one, or use \"any\"");
    }
  }

  private void action(String at, JsonNode action, boolean inSuggestion) {
    if (!action.isObject()) {
      out.error("response.action", at, "an action is an object with type, description and resource");
      return;
    }
    JsonNode type = action.get("type");
    if (type == null || !ACTION_TYPES.contains(type.asText())) {
      out.error("response.action.type", type == null ? at : Pointer.field(at, "type"),
          "'type' must be create, update or delete" + (type == null ? " (it is missing)" : ", not " + type));
    }
    if (inSuggestion && (!action.path("description").isTextual() || action.path("description").asText().isBlank())) {
      out.error("cds-resp-5", at, "a suggestion's action needs a 'description' of what it does");
    }
    String t = type == null ? "" : type.asText();
    JsonNode resource = action.get("resource");
    if (t.equals("create") || t.equals("update")) {
      if (resource == null || !resource.isObject() || !resource.has("resourceType")) {
        out.error("response.action.resource", resource == null ? at : Pointer.field(at, "resource"),
            Grammar.withArticle(t) + " action needs 'resource': the " + (t.equals("create") ? "new" : "whole replacement")
                + " FHIR resource");
      } else {
        resources.add(new Member(Pointer.field(at, "resource"), resource));
        if (t.equals("update") && !resource.path("id").isTextual()) {
          out.error("response.action.resource.id", Pointer.field(at, "resource"), "an update replaces the resource"
              + " with the same id: give resource.id (" + resource.path("resourceType").asText() + "/id)");
        }
      }
    } else if (t.equals("delete")) {
      JsonNode id = action.get("resourceId");
      if (id != null) {
        if (!id.isTextual() || FhirTypes.typeOf(id.asText()) == null) {
          out.error("response.action.resourceId", Pointer.field(at, "resourceId"), "'resourceId' is the"
              + " relative reference Type/id of the resource to delete, e.g. \"ServiceRequest/123\"");
        }
      } else if (resource == null || !resource.isTextual()) {
        out.error("cds-resp-2", at, "a delete action needs 'resourceId': Type/id of the"
            + " resource to delete (CDS Hooks 1.0 put that id in 'resource')");
      }
      if (resource != null) {
        out.warning("cds-resp-2", Pointer.field(at, "resource"), "a delete action names its target in"
            + " 'resourceId' and leaves 'resource' out (an id in 'resource' is the deprecated 1.0 form)");
      }
    }
  }

  /**
   * {@code suggestion.actionSelectionBehavior} (CDS Hooks 3.0, STU): whether the user takes all of
   * a suggestion's actions, any of them, or at most one. A 2.0 client does not know it and applies
   * every action, so under 2.0 its use is a warning.
   */
  private void actionSelectionBehavior(String suggestion, JsonNode behavior) {
    if (behavior == null) {
      return;
    }
    String at = Pointer.field(suggestion, "actionSelectionBehavior");
    if (!ACTION_SELECTION.contains(behavior.asText()) || !behavior.isTextual()) {
      out.since3("cds-resp-7", at, "'actionSelectionBehavior' must be \"all\", \"any\" or \"at-most-one\", not "
          + behavior);
    } else if (!out.spec().atLeast(SpecVersion.V3_0)) {
      out.warning("cds-resp-7", at, "'actionSelectionBehavior' is CDS Hooks 3.0: a 2.0 client ignores it and"
          + " applies all of the suggestion's actions (services use it only with clients that document support)");
    }
  }

  private void links(String card, JsonNode links) {
    if (links == null) {
      return;
    }
    String lat = Pointer.field(card, "links");
    if (!links.isArray()) {
      out.error("response.link", lat, "'links' must be an array of links");
      return;
    }
    for (int i = 0; i < links.size(); i++) {
      String at = Pointer.index(lat, i);
      JsonNode link = links.get(i);
      if (!link.path("label").isTextual() || link.path("label").asText().isBlank()) {
        out.error("response.link.label", at, "a link needs a 'label': its text");
      }
      if (!link.has("url") || !absolute(link.get("url"))) {
        out.error("response.link.url", link.has("url") ? Pointer.field(at, "url") : at,
            "a link needs 'url': an absolute URL");
      }
      if (link.path("url").isTextual()) {
        scheme(Pointer.field(at, "url"), link.get("url").asText(), "a link's 'url'");
      }
      JsonNode type = link.get("type");
      if (type == null || !LINK_TYPES.contains(type.asText())) {
        out.error("response.link.type", type == null ? at : Pointer.field(at, "type"), "a link's 'type' must be"
            + " \"absolute\" or \"smart\"" + (type == null ? " (it is missing)" : ", not " + type));
      }
      if (link.has("appContext") && !"smart".equals(link.path("type").asText())) {
        out.error("cds-resp-3", Pointer.field(at, "appContext"), "'appContext' goes only with"
            + " type \"smart\" (it is passed to the SMART app at launch)");
      }
    }
  }

  /** javascript:, data: and file: URLs run code or read local files wherever the EHR opens them. */
  private void scheme(String at, String url, String what) {
    if (!SafeUrls.isSafe(url)) {
      out.error("card.link.scheme", at, what + " uses an unsafe URL scheme ('" + abbreviate(url)
          + "'): give an http(s) URL; javascript:, data: and file: links are never opened");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 39) + "…";
  }

  private void coding(String at, JsonNode coding) {
    if (!coding.isObject() || !coding.path("code").isTextual() || !coding.path("system").isTextual()) {
      out.error("response.coding", at, "a Coding needs 'system' and 'code' strings");
    }
  }

  private void uuid(String at, JsonNode node) {
    JsonNode uuid = node.get("uuid");
    if (uuid == null) {
      return;
    }
    String p = Pointer.field(at, "uuid");
    String first = uuids.putIfAbsent(uuid.asText(), p);
    if (first != null) {
      out.error("response.uuid.unique", p, "uuid '" + uuid.asText() + "' is also used at " + first
          + ": feedback needs each card and suggestion uuid to be unique");
    }
  }

  private static boolean absolute(JsonNode v) {
    if (!v.isTextual()) {
      return false;
    }
    URI uri = RequestChecks.uri(v.asText());
    return uri != null && uri.isAbsolute() && uri.getScheme() != null && uri.getSchemeSpecificPart() != null
        && !uri.getSchemeSpecificPart().isEmpty();
  }
}
