package dev.cds.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong with a response, in one line of at most about 200 characters, from the body's
 * most meaningful text: an OperationOutcome's diagnostics or details, an OAuth error, or for HTML
 * the {@code <pre>}, {@code <h1>} or {@code <title>} (framework error pages put the cause there).
 */
public final class ResponseErrors {
  static final int MAX = 200;
  private static final Pattern PRE = Pattern.compile("(?is)<pre[^>]*>(.*?)</pre>");
  private static final Pattern H1 = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  private ResponseErrors() {}

  /** A typed failure for a non-2xx answer. */
  public static HttpFailure status(HttpResult r, String url) {
    return new HttpFailure(HttpFailure.Kind.STATUS, url, r.status(), describe(r, url));
  }

  public static String describe(HttpResult r, String url) {
    String detail = detail(r);
    return "HTTP " + r.status() + hint(r.status()) + " from " + url + (detail.isEmpty() ? "" : ": " + detail);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> " (unauthorized: the service wants a valid JWT, signed with your key and issuer)";
      case 412 -> " (precondition failed: the service lacks prefetch data or FHIR access)";
      default -> "";
    };
  }

  /** The body's most meaningful text, shortened; "" for an empty body. */
  public static String detail(HttpResult r) {
    String text = r.bodyText().strip();
    if (text.isEmpty()) {
      return "";
    }
    if (r.isJson() || text.startsWith("{")) {
      try {
        String json = jsonDetail(Json.parse(text, "the response"));
        if (json != null) {
          return shorten(json);
        }
      } catch (RuntimeException notJson) {
        // fall through to the text summary
      }
    }
    return firstLine(text);
  }

  private static String jsonDetail(JsonNode n) {
    String type = n.path("resourceType").asText("");
    if (type.equals("OperationOutcome")) {
      List<String> issues = new ArrayList<>();
      for (JsonNode i : n.path("issue")) {
        String msg = i.path("diagnostics").asText(i.path("details").path("text").asText(""));
        issues.add(i.path("severity").asText("error") + " " + i.path("code").asText("")
            + (msg.isEmpty() ? "" : ": " + msg));
      }
      return "OperationOutcome: " + String.join("; ", issues);
    }
    if (n.has("error")) {
      JsonNode e = n.get("error");
      String what = e.isTextual() ? e.asText() : e.path("message").asText(e.toString());
      return what + (n.has("error_description") ? ": " + n.path("error_description").asText()
          : n.has("message") ? ": " + n.path("message").asText() : "");
    }
    if (n.has("message") && n.get("message").isTextual()) {
      return n.get("message").asText();
    }
    return null;
  }

  /**
   * True when a body at the discovery URL looks like a FHIR server's (a CapabilityStatement or an
   * OperationOutcome): the user gave a FHIR base instead of a CDS Hooks base.
   */
  public static boolean looksLikeFhir(HttpResult r) {
    String text = r.bodyText();
    if (!text.stripLeading().startsWith("{")) {
      return false;
    }
    try {
      String type = Json.parse(text, "the response").path("resourceType").asText("");
      return type.equals("CapabilityStatement") || type.equals("OperationOutcome") || type.equals("Bundle");
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  /** For HTML, the {@code <pre>}, {@code <h1>} or {@code <title>}; otherwise the first line; shortened. */
  public static String firstLine(String text) {
    String line = null;
    if (text.indexOf('<') >= 0) {
      for (Pattern p : List.of(PRE, H1, TITLE)) {
        Matcher m = p.matcher(text);
        if (m.find() && !plain(m.group(1)).isEmpty()) {
          line = plain(m.group(1));
          break;
        }
      }
    }
    if (line == null) {
      String stripped = plain(text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " "));
      line = stripped;
    }
    return shorten(line);
  }

  private static String plain(String html) {
    String s = html.replaceAll("(?s)<[^>]*>", " ")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&");
    return s.replaceAll("\\s+", " ").strip();
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > MAX ? one.substring(0, MAX - 1) + "…" : one;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
