package dev.cds.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One feedback entry: what the user did with a card. Builds the wire form of CDS Hooks 2.0
 * feedback and refuses what the spec forbids (accepted without a suggestion, no card uuid).
 *
 * @param acceptedSuggestions suggestion uuids, required when accepted, empty when overridden
 * @param reason the chosen override reason (code, system, display), or null
 * @param comment the user's comment on an override, or null
 */
public record Feedback(
    String card, Outcome outcome, List<String> acceptedSuggestions, Reason reason, String comment, Instant timestamp) {

  public enum Outcome { accepted, overridden }

  /** An override reason as a Coding; code and system are required, display optional. */
  public record Reason(String code, String system, String display) {}

  public Feedback {
    acceptedSuggestions = acceptedSuggestions == null ? List.of() : List.copyOf(acceptedSuggestions);
    if (card == null || card.isBlank()) {
      throw CdsException.usage("feedback needs the card's uuid: cards without a uuid cannot get feedback");
    }
    if (outcome == Outcome.accepted && acceptedSuggestions.isEmpty()) {
      throw CdsException.usage("outcome accepted needs the uuid of the accepted suggestion: add {0} UUID",
          Setting.SUGGESTION);
    }
    if (outcome == Outcome.overridden && !acceptedSuggestions.isEmpty()) {
      throw CdsException.usage("an overridden card accepts no suggestion: drop {0}, or use {1} accepted",
          Setting.SUGGESTION, Setting.OUTCOME);
    }
    if (outcome == Outcome.accepted && (reason != null || comment != null)) {
      throw CdsException.usage("override reasons and comments go with {0} overridden", Setting.OUTCOME);
    }
    if (reason != null && (isBlank(reason.code()) || isBlank(reason.system()))) {
      throw CdsException.usage("an override reason needs both {0} and {1}", Setting.REASON_CODE, Setting.REASON_SYSTEM);
    }
  }

  /** {@code outcomeTimestamp}: RFC 3339 in UTC, to the second. */
  public static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("card", card);
    n.put("outcome", outcome.name());
    if (!acceptedSuggestions.isEmpty()) {
      ArrayNode accepted = n.putArray("acceptedSuggestions");
      acceptedSuggestions.forEach(id -> accepted.addObject().put("id", id));
    }
    if (reason != null || (comment != null && !comment.isBlank())) {
      ObjectNode override = n.putObject("overrideReason");
      if (reason != null) {
        ObjectNode coding = override.putObject("reason");
        coding.put("code", reason.code());
        coding.put("system", reason.system());
        if (!isBlank(reason.display())) {
          coding.put("display", reason.display());
        }
      }
      if (comment != null && !comment.isBlank()) {
        override.put("userComment", comment);
      }
    }
    n.put("outcomeTimestamp", rfc3339(timestamp));
    return n;
  }

  /** The request body: {@code {"feedback": [...]}}. */
  public static ObjectNode body(List<Feedback> entries) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("feedback");
    entries.forEach(f -> list.add(f.toJson()));
    return body;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
