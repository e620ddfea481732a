package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.crd.CrdCodes;
import dev.cds.crd.ResponseType;
import dev.cds.crd.ResponseTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CRD service's response (cards.md and the CRDHooksResponse logical models): card ids and
 * topics, each card's rules by its response type, coverage information in system actions, the
 * primary hooks' coverage information, and the configuration the request sent.
 */
final class CrdResponseChecks {
  /** Hooks where a Coverage Records card reaches clinicians rather than administrative staff (resp-70). */
  private static final Set<String> CLINICAL_HOOKS = Set.of("order-select", "order-sign");

  private final Findings out;
  private final CrdScope scope;
  private final CoverageInformationChecks coverage;

  private CrdResponseChecks(Findings out, CrdScope scope) {
    this.out = out;
    this.scope = scope;
    this.coverage = new CoverageInformationChecks(out);
  }

  static void check(JsonNode response, CrdScope scope, Findings out) {
    if (response.isObject()) {
      new CrdResponseChecks(out, scope).response(response);
    }
  }

  private void response(JsonNode response) {
    JsonNode cards = response.path("cards");
    for (int i = 0; i < cards.size(); i++) {
      if (cards.get(i).isObject()) {
        card(Pointer.index("/cards", i), cards.get(i));
      }
    }
    boolean coverageInformation = false;
    JsonNode actions = response.path("systemActions");
    for (int i = 0; i < actions.size(); i++) {
      coverageInformation |= systemAction(Pointer.index("/systemActions", i), actions.get(i));
    }
    configured(cards, coverageInformation);
    String hook = scope.hook();
    if (hook != null && CrdCodes.PRIMARY_HOOKS.contains(hook) && !coverageInformation && !switchedOff(CrdCodes.COVERAGE_INFO_OPTION)) {
      out.warning(CrdRules.HOOK_16, actions.isMissingNode() ? "" : "/systemActions", hook + " is a primary CRD hook:"
          + " the response should carry a Coverage Information system action, unless the service reports an error or"
          + " coverage information already exists and there is nothing new");
    }
  }

  private void card(String at, JsonNode card) {
    if (!card.path("uuid").isTextual() || card.path("uuid").asText().isBlank()) {
      out.error(CrdRules.RESP_13, at, "a CRD card needs a 'uuid' (the CRD response base profile requires it)");
    }
    topic(at, card.path("source"));
    JsonNode suggestions = card.path("suggestions");
    for (int i = 0; i < suggestions.size(); i++) {
      JsonNode s = suggestions.get(i);
      if (s.isObject() && (!s.path("uuid").isTextual() || s.path("uuid").asText().isBlank())) {
        out.error(CrdRules.RESP_3, Pointer.index(Pointer.field(at, "suggestions"), i), "a CRD suggestion needs a 'uuid'");
      }
    }
    ResponseType type = ResponseTypes.ofCard(card);
    switch (type) {
      case COVERAGE_INFORMATION -> out.error(CrdRules.RESP_25, at, "coverage information is never a card: return it"
          + " as a system action that updates the order");
      case EXTERNAL_REFERENCE -> externalReference(at, card.path("links"));
      case INSTRUCTIONS -> {
        if (!card.path("detail").isTextual() || card.path("detail").asText().isBlank()) {
          out.error(CrdRules.RESP_24, at, "an Instructions card (no suggestions, no links) needs 'detail': the"
              + " guidance itself");
        }
      }
      case PROPOSE_ALTERNATE_REQUEST -> {
        for (int i = 0; i < suggestions.size(); i++) {
          alternate(Pointer.index(Pointer.field(at, "suggestions"), i), suggestions.get(i).path("actions"));
        }
      }
      case COVERAGE_RECORDS -> {
        if (scope.hook() != null && CLINICAL_HOOKS.contains(scope.hook())) {
          out.warning(CrdRules.RESP_70, at, "an Update Coverage Records card on " + scope.hook() + " reaches clinicians:"
              + " use a system action, or offer it on hooks administrative staff trigger (appointment-book, encounter-start)");
        }
      }
      default -> { }
    }
  }

  private void topic(String card, JsonNode source) {
    JsonNode topic = source.get("topic");
    if (topic == null) {
      if (source.isObject()) {
        out.error(CrdRules.RESP_5, Pointer.field(card, "source"), "a CRD card needs 'source.topic': its CRD response"
            + " type, e.g. {\"system\": \"" + CrdCodes.CARD_TYPE_SYSTEM + "\", \"code\": \"guideline\"}");
      }
      return;
    }
    String at = Pointer.field(Pointer.field(card, "source"), "topic");
    String system = topic.path("system").asText(null);
    String code = topic.path("code").asText(null);
    if (system == null || code == null) {
      return;
    }
    boolean known = CrdCodes.CARD_TYPES.containsKey(code);
    if (CrdCodes.cardTypeSystem(system) && !known) {
      out.error(CrdRules.RESP_5, Pointer.field(at, "code"), "'" + code + "' is not a CRD card type: "
          + String.join(", ", CrdCodes.CARD_TYPES.keySet()));
    } else if (!CrdCodes.cardTypeSystem(system)) {
      out.warning(CrdRules.RESP_5, Pointer.field(at, "system"), "the topic is not a CRD card type ("
          + (known ? "'" + code + "' is one, in system " + CrdCodes.CARD_TYPE_SYSTEM
              : "the binding is extensible: use " + CrdCodes.CARD_TYPE_SYSTEM + " when one of its codes fits") + ")");
    }
  }

  private void externalReference(String card, JsonNode links) {
    for (int i = 0; i < links.size(); i++) {
      JsonNode l = links.get(i);
      String at = Pointer.index(Pointer.field(card, "links"), i);
      URI uri = l.path("url").isTextual() ? RequestChecks.uri(l.get("url").asText()) : null;
      String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (uri != null && !scheme.isEmpty() && !scheme.equals("https") && !scheme.equals("http")) {
        out.error(CrdRules.RESP_19, Pointer.field(at, "url"), "an External Reference link opens a web page: an"
            + " absolute http(s) URL, not " + l.get("url").asText());
      }
      if (l.has("appContext")) {
        out.error(CrdRules.RESP_19, Pointer.field(at, "appContext"), "an External Reference link is a plain"
            + " \"absolute\" link without appContext (that belongs to a Launch SMART card)");
      }
    }
  }

  /** One update; or one delete plus creates (extra creates carry a Medication, Device … it needs). */
  private void alternate(String at, JsonNode actions) {
    int updates = 0;
    int deletes = 0;
    int creates = 0;
    for (JsonNode a : actions) {
      switch (a.path("type").asText()) {
        case "update" -> updates++;
        case "delete" -> deletes++;
        case "create" -> creates++;
        default -> { }
      }
    }
    boolean update = updates == 1 && deletes == 0;
    boolean replace = updates == 0 && deletes == 1 && creates >= 1;
    if (!update && !replace) {
      out.error(CrdRules.RESP_53, Pointer.field(at, "actions"), "a Propose Alternate Request suggestion is one"
          + " update of the order, or one delete of it plus a create of the alternative (crd-respar-1); this one has "
          + updates + " update, " + deletes + " delete and " + creates + " create actions");
    }
  }

  /** True when the action carries coverage information. */
  private boolean systemAction(String at, JsonNode action) {
    JsonNode resource = action.path("resource");
    if (!ResponseTypes.hasCoverageInformation(resource)) {
      return false;
    }
    if (!"update".equals(action.path("type").asText())) {
      out.error(CrdRules.RESP_52, Pointer.field(at, "type"), "coverage information is an \"update\" of the order it"
          + " annotates, not " + action.path("type"));
    }
    if (action.has("resourceId")) {
      out.error(CrdRules.RESP_52, Pointer.field(at, "resourceId"), "a Coverage Information action carries the whole"
          + " resource, without resourceId");
    }
    JsonNode extensions = resource.path("extension");
    for (int i = 0; i < extensions.size(); i++) {
      if (CrdCodes.COVERAGE_INFORMATION.equals(extensions.get(i).path("url").asText())) {
        coverage.check(Pointer.index(Pointer.field(Pointer.field(at, "resource"), "extension"), i), extensions.get(i),
            scope.hook());
      }
    }
    return true;
  }

  /** dev-14: what the request's configuration switched off is absent, and max-cards holds. */
  private void configured(JsonNode cards, boolean coverageInformation) {
    JsonNode config = scope.configuration();
    if (config == null || !config.isObject()) {
      return;
    }
    if (coverageInformation && switchedOff(CrdCodes.COVERAGE_INFO_OPTION)) {
      out.error(CrdRules.DEV_14, "/systemActions", "the request set coverage-info=false, yet the response carries"
          + " coverage information");
    }
    List<String> off = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isBoolean() && !e.getValue().asBoolean()) {
        off.add(e.getKey());
      }
    }
    for (int i = 0; i < cards.size(); i++) {
      String code = cards.get(i).path("source").path("topic").path("code").asText("");
      if (off.contains(code)) {
        out.error(CrdRules.DEV_14, Pointer.index("/cards", i), "the request set " + code + "=false, yet this card is"
            + " of type " + code);
      }
    }
    JsonNode max = config.get("max-cards");
    if (max != null && max.canConvertToExactIntegral() && cards.size() > max.asLong()) {
      out.error(CrdRules.DEV_14, "/cards", cards.size() + " cards, but the request set max-cards=" + max.asLong());
    }
  }

  private boolean switchedOff(String code) {
    JsonNode config = scope.configuration();
    JsonNode v = config == null ? null : config.get(code);
    return v != null && v.isBoolean() && !v.asBoolean();
  }
}
