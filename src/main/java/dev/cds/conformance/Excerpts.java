package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.http.VerboseTransport;

/** Evidence text: bodies made safe to print (secrets redacted, control characters escaped) and cut short. */
final class Excerpts {
  /** Enough of a body to see what it was; the whole of a typical OperationOutcome. */
  static final int MAX = 600;

  private Excerpts() {}

  /** A request body as sent, access tokens redacted, on one line. */
  static String request(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    try {
      text = Json.compact(Json.parse(text, "request"));
    } catch (CdsException notJson) {
      // sent as is on purpose (malformed JSON checks): show it as is
    }
    return cut(clean(VerboseTransport.redact(text)));
  }

  /** A response body on one line (compact when it is JSON), secrets redacted. */
  static String response(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String line = text;
    try {
      JsonNode n = Json.parse(text, "response");
      line = Json.compact(n);
    } catch (CdsException notJson) {
      line = text.strip().replaceAll("\\s+", " ");
    }
    return cut(clean(VerboseTransport.redact(line)));
  }

  static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "…";
  }

  /** Remote text as visible characters: no control, C1 or bidi character reaches a terminal or a report. */
  static String clean(String s) {
    return Sanitizer.line(s);
  }
}
