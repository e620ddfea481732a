package dev.cds.prefetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.util.Locale;

/**
 * What happened to one prefetch key: its template, the URL it resolved to (or why not), and what
 * the FHIR source answered.
 *
 * @param template the service's template, or null for a key only the user gave
 * @param url the resolved relative URL, or null when the template was skipped or invalid
 * @param status the HTTP status the source answered, or 0 when nothing was fetched
 * @param resourceType the type of the value sent (or given), or null
 * @param entries the number of entries when the value is a Bundle, else null
 * @param detail why the key was skipped or failed, or null
 */
public record KeyReport(
    String key, String template, String url, State state, int status, String resourceType, Integer entries, String detail) {

  /** The fate of a key; only {@link #sent()} states put it into the request. */
  public enum State {
    /** From {@code --prefetch}: the user's value wins over the template. */
    GIVEN,
    /** A resource or searchset Bundle was fetched and is sent. */
    FETCHED,
    /** A read found nothing (404/410): {@code null} is sent. */
    NO_DATA,
    /** The source answered an error with an OperationOutcome, which is sent. */
    OPERATION_OUTCOME,
    /** The template could not be parsed or is not allowed under the token rules: omitted. */
    INVALID,
    /** A token had no value (an optional context field not given): omitted. */
    SKIPPED,
    /** No answer, or an error without detail: omitted. */
    FAILED,
    /** Resolved, but there was no source to fetch it from, or prefetch was turned off: omitted. */
    NOT_FETCHED;

    public boolean sent() {
      return this == GIVEN || this == FETCHED || this == NO_DATA || this == OPERATION_OUTCOME;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("key", key);
    if (template != null) {
      n.put("template", template);
    }
    if (url != null) {
      n.put("url", url);
    }
    n.put("state", state.label());
    n.put("sent", state.sent());
    if (status != 0) {
      n.put("status", status);
    }
    if (resourceType != null) {
      n.put("resourceType", resourceType);
    }
    if (entries != null) {
      n.put("entries", entries);
    }
    if (detail != null) {
      n.put("detail", detail);
    }
    return n;
  }

  /** The OUTCOME cell of the report table, safe for a terminal (the service wrote parts of it). */
  public String outcomeText() {
    return Sanitizer.line(rawOutcome());
  }

  private String rawOutcome() {
    return switch (state) {
      case GIVEN -> "given" + (resourceType == null ? ": null" : ": " + described());
      case FETCHED -> status + " " + described();
      case NO_DATA -> status + " → null";
      case OPERATION_OUTCOME -> status + " OperationOutcome (sent)";
      case FAILED -> "not sent: " + detail;
      case NOT_FETCHED -> "not sent: " + detail;
      case SKIPPED, INVALID -> "not sent";
    };
  }

  /** The URL cell: the resolved URL, or why there is none; safe for a terminal. */
  public String urlText() {
    return Sanitizer.line(rawUrl());
  }

  private String rawUrl() {
    if (url != null) {
      return url;
    }
    return switch (state) {
      case SKIPPED -> "skipped: " + detail;
      case INVALID -> "invalid: " + detail;
      default -> "";
    };
  }

  private String described() {
    return entries == null ? resourceType : resourceType + ", " + entries + (entries == 1 ? " entry" : " entries");
  }
}
