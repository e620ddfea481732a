package dev.cds.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One line saying what went wrong with a response: status plus an OperationOutcome or text summary. */
public final class ResponseErrors {
  private ResponseErrors() {}

  public static String describe(HttpResult r, String url) {
    String detail = detail(r);
    return "HTTP " + r.status() + hint(r.status()) + " from " + url + (detail.isEmpty() ? "" : ": " + detail);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> " (unauthorized: the service wants a valid JWT, see --key/--iss)";
      case 412 -> " (precondition failed: the service lacks prefetch data or FHIR access)";
      default -> "";
    };
  }

  public static String detail(HttpResult r) {
    String text = r.bodyText().strip();
    if (text.isEmpty()) {
      return "";
    }
    if (r.isJson() || text.startsWith("{")) {
      try {
        JsonNode n = Json.parse(text, "the response");
        if ("OperationOutcome".equals(n.path("resourceType").asText())) {
          List<String> issues = new ArrayList<>();
          for (JsonNode i : n.path("issue")) {
            String msg = i.path("diagnostics").asText(i.path("details").path("text").asText(""));
            issues.add(i.path("severity").asText("error") + " " + i.path("code").asText("")
                + (msg.isEmpty() ? "" : ": " + msg));
          }
          return "OperationOutcome: " + String.join("; ", issues);
        }
        if (n.has("error")) {
          return n.path("error").asText() + (n.has("error_description") ? ": " + n.path("error_description").asText() : "");
        }
      } catch (Exception ignored) {
        // not JSON after all: fall through to the text summary
      }
    }
    return firstLine(text);
  }

  /** The title of an HTML page, or the first line of text, shortened. */
  public static String firstLine(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int title = lower.indexOf("<title>");
    String line;
    if (title >= 0 && lower.indexOf("</title>", title) > 0) {
      line = text.substring(title + 7, lower.indexOf("</title>", title));
    } else {
      line = text.replaceAll("(?s)<[^>]*>", " ").strip().split("\\R", 2)[0];
    }
    line = line.replaceAll("\\s+", " ").strip();
    return line.length() > 160 ? line.substring(0, 157) + "..." : line;
  }
}
