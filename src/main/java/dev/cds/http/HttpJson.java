package dev.cds.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;

/** JSON bodies of responses, decoded by their declared charset (a peer may send ISO-8859-1). */
public final class HttpJson {
  private HttpJson() {}

  /**
   * The body as JSON, or a {@link HttpFailure.Kind#NOT_JSON} failure that quotes the start of what
   * came instead (an HTML error page, an empty body).
   */
  public static JsonNode parse(HttpResult r, String url, String what) {
    if (r.body() == null || r.body().length == 0) {
      throw new HttpFailure(HttpFailure.Kind.NOT_JSON, url, r.status(),
          "HTTP " + r.status() + " from " + url + " but the " + what + " is empty: expected JSON");
    }
    try {
      // decoded by the declared charset, invalid UTF-8 replaced: HttpResult.charsetProblem() reports both
      return Json.parse(r.bodyText(), what);
    } catch (CdsException notJson) {
      throw new HttpFailure(HttpFailure.Kind.NOT_JSON, url, r.status(), "HTTP " + r.status() + " from " + url
          + " but the " + what + " is not JSON: " + ResponseErrors.firstLine(r.bodyText()), notJson);
    }
  }
}
