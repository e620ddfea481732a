package dev.cds.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Tells which CRD response type a card or system action is, from its shape as the CRD response
 * profiles describe it: actions first (what they create, update or delete), then links, then
 * plain text. The card's topic is not used: it names the advice, not the mechanism.
 */
public final class ResponseTypes {
  private ResponseTypes() {}

  public static ResponseType ofCard(JsonNode card) {
    List<JsonNode> actions = new ArrayList<>();
    boolean suggestions = false;
    for (JsonNode s : card.path("suggestions")) {
      suggestions = true;
      for (JsonNode a : s.path("actions")) {
        actions.add(a);
      }
    }
    if (!actions.isEmpty()) {
      return ofActions(actions);
    }
    boolean links = false;
    for (JsonNode l : card.path("links")) {
      links = true;
      if ("smart".equals(l.path("type").asText())) {
        return ResponseType.LAUNCH_SMART;
      }
    }
    if (links) {
      return ResponseType.EXTERNAL_REFERENCE;
    }
    return suggestions ? ResponseType.UNCLASSIFIED : ResponseType.INSTRUCTIONS;
  }

  public static ResponseType ofSystemAction(JsonNode action) {
    ResponseType t = ofActions(List.of(action));
    return t == ResponseType.COVERAGE_INFORMATION || t == ResponseType.COVERAGE_RECORDS
        || t == ResponseType.REQUEST_FORM_COMPLETION ? t : ResponseType.UNCLASSIFIED;
  }

  private static ResponseType ofActions(List<JsonNode> actions) {
    boolean coverage = false;
    boolean form = false;
    boolean alternate = false;
    for (JsonNode a : actions) {
      JsonNode resource = a.path("resource");
      String type = a.path("type").asText();
      String resourceType = resource.path("resourceType").asText();
      if (hasCoverageInformation(resource)) {
        return ResponseType.COVERAGE_INFORMATION;
      }
      coverage |= resourceType.equals("Coverage");
      form |= type.equals("create") && (resourceType.equals("Task") || resourceType.equals("Questionnaire"));
      alternate |= type.equals("delete") || (type.equals("update") && !resourceType.equals("Coverage"));
    }
    if (coverage) {
      return ResponseType.COVERAGE_RECORDS;
    }
    if (form) {
      return ResponseType.REQUEST_FORM_COMPLETION;
    }
    return alternate ? ResponseType.PROPOSE_ALTERNATE_REQUEST : ResponseType.IDENTIFY_ADDITIONAL_ORDERS;
  }

  /** True when a resource carries at least one coverage-information extension. */
  public static boolean hasCoverageInformation(JsonNode resource) {
    for (JsonNode e : resource.path("extension")) {
      if (CrdCodes.COVERAGE_INFORMATION.equals(e.path("url").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a response shows CRD: coverage information anywhere, a card topic from the CRD
   * card types, or a {@code davinci-crd.*} card extension.
   */
  public static boolean isCrd(JsonNode response) {
    if (response == null || !response.isObject()) {
      return false;
    }
    for (JsonNode a : response.path("systemActions")) {
      if (hasCoverageInformation(a.path("resource"))) {
        return true;
      }
    }
    for (JsonNode card : response.path("cards")) {
      if (isCrdCard(card)) {
        return true;
      }
      for (JsonNode s : card.path("suggestions")) {
        for (JsonNode a : s.path("actions")) {
          if (hasCoverageInformation(a.path("resource"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True when a card's topic is a CRD card type or it carries a {@code davinci-crd.*} extension. */
  public static boolean isCrdCard(JsonNode card) {
    if (CrdCodes.cardTypeSystem(card.path("source").path("topic").path("system").asText(null))) {
      return true;
    }
    JsonNode extension = card.path("extension");
    for (Iterator<String> it = extension.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith("davinci-crd.")) {
        return true;
      }
    }
    return false;
  }
}
