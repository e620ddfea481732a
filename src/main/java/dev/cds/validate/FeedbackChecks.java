package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** A feedback body (CDS Hooks 2.0 §6): {@code {"feedback": […]}}. */
final class FeedbackChecks {
  private static final Pattern RFC3339 = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final List<String> OUTCOMES = List.of("accepted", "overridden");

  private FeedbackChecks() {}

  static void check(JsonNode doc, Findings out) {
    JsonNode items = doc.path("feedback");
    if (!doc.isObject() || !items.isArray()) {
      out.error("feedback.feedback", doc.has("feedback") ? "/feedback" : "", "a feedback body is"
          + " {\"feedback\": [{\"card\": …, \"outcome\": …, \"outcomeTimestamp\": …}]}"
          + (doc.has("card") ? ": wrap this one item in a \"feedback\" array" : ""));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      item(Pointer.index("/feedback", i), items.get(i), out);
    }
  }

  private static void item(String at, JsonNode f, Findings out) {
    if (!f.isObject()) {
      out.error("feedback.item", at, "a feedback item is an object with card, outcome and outcomeTimestamp");
      return;
    }
    if (!f.path("card").isTextual() || f.path("card").asText().isBlank()) {
      out.error("feedback.card", at, "'card' is required: the uuid of the card the feedback is about");
    }
    JsonNode outcome = f.get("outcome");
    if (outcome == null || !OUTCOMES.contains(outcome.asText())) {
      out.error("cds-fb-1", outcome == null ? at : Pointer.field(at, "outcome"),
          "'outcome' must be \"accepted\" or \"overridden\"" + (outcome == null ? " (it is missing)" : ", not " + outcome));
    }
    String o = outcome == null ? "" : outcome.asText();
    JsonNode accepted = f.get("acceptedSuggestions");
    if (o.equals("accepted") && (accepted == null || !accepted.isArray() || accepted.isEmpty())) {
      out.error("cds-fb-2", accepted == null ? at : Pointer.field(at, "acceptedSuggestions"),
          "an accepted card needs 'acceptedSuggestions': [{\"id\": <suggestion uuid>}, …]");
    } else if (accepted != null && accepted.isArray()) {
      for (int i = 0; i < accepted.size(); i++) {
        if (!accepted.get(i).path("id").isTextual()) {
          out.error("feedback.acceptedSuggestions", Pointer.index(Pointer.field(at, "acceptedSuggestions"), i),
              "each accepted suggestion is {\"id\": <the suggestion's uuid>}");
        }
      }
      if (o.equals("overridden")) {
        out.warning("feedback.acceptedSuggestions", Pointer.field(at, "acceptedSuggestions"),
            "an overridden card has no accepted suggestions: drop 'acceptedSuggestions' or use outcome \"accepted\"");
      }
    }
    JsonNode reason = f.get("overrideReason");
    if (reason != null) {
      String rat = Pointer.field(at, "overrideReason");
      if (!reason.isObject()) {
        out.error("feedback.overrideReason", rat, "'overrideReason' is an object with 'reason' (a Coding)"
            + " and/or 'userComment', not " + ContextChecks.kind(reason));
      } else if (!reason.has("reason") && !reason.has("userComment")) {
        out.error("cds-fb-3", rat, "'overrideReason' needs a 'reason' (a Coding), a 'userComment' or both");
      } else if (reason.has("reason") && (!reason.path("reason").path("code").isTextual()
          || !reason.path("reason").path("system").isTextual())) {
        out.error("feedback.overrideReason", Pointer.field(rat, "reason"), "'reason' is a Coding with 'system' and"
            + " 'code' (one of the card's overrideReasons)");
      }
    }
    timestamp(at, f.get("outcomeTimestamp"), out);
  }

  private static void timestamp(String item, JsonNode ts, Findings out) {
    String at = Pointer.field(item, "outcomeTimestamp");
    if (ts == null) {
      out.error("feedback.outcomeTimestamp", item, "'outcomeTimestamp' is required: when the clinician acted,"
          + " RFC 3339 in UTC, e.g. \"2025-01-15T14:02:11Z\"");
      return;
    }
    boolean valid = ts.isTextual() && RFC3339.matcher(ts.asText()).matches();
    if (valid) {
      try {
        OffsetDateTime.parse(ts.asText().toUpperCase());
      } catch (DateTimeParseException e) {
        valid = false;
      }
    }
    if (!valid) {
      out.error("feedback.outcomeTimestamp", at, "'" + ts.asText() + "' is not an RFC 3339 date-time: write"
          + " e.g. \"2025-01-15T14:02:11Z\"");
    } else if (!ts.asText().toUpperCase().endsWith("Z") && !ts.asText().endsWith("+00:00")) {
      out.warning("feedback.outcomeTimestamp.utc", at, "'" + ts.asText() + "' is not in UTC: CDS Hooks asks for"
          + " UTC, e.g. \"" + OffsetDateTime.parse(ts.asText()).toInstant() + "\"");
    }
  }
}
