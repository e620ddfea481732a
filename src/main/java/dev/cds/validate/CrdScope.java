package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.crd.CrdCodes;
import dev.cds.crd.CrdService;
import dev.cds.crd.ResponseTypes;
import java.util.Iterator;

/**
 * What the Da Vinci CRD checks know besides the document, and whether they run: when asked
 * ({@code forced}), when the service's discovery entry advertises CRD extensions, or when the
 * document itself shows CRD (a request with {@code davinci-crd.*} extensions, a response with
 * coverage information).
 *
 * @param hook the hook a response answers (rules differ for primary and secondary hooks)
 * @param service the service's discovery entry: its versions and options
 * @param configuration the {@code davinci-crd.configuration} the request sent
 */
public record CrdScope(boolean forced, String hook, JsonNode service, JsonNode configuration) {
  /** Checks only when the document shows CRD. */
  public static final CrdScope AUTO = new CrdScope(false, null, null, null);

  /** For a request to the service of {@code service} (a discovery entry, or null). */
  public static CrdScope forRequest(JsonNode service, boolean forced) {
    return new CrdScope(forced, null, service, null);
  }

  /** For the response to {@code request}, sent to the service of {@code service} (or null). */
  public static CrdScope forResponse(JsonNode request, JsonNode service, boolean forced) {
    JsonNode config = request == null ? null : request.path("extension").get(CrdCodes.CONFIGURATION);
    return new CrdScope(forced, request == null ? null : request.path("hook").asText(null), service, config);
  }

  boolean activeFor(JsonNode doc, DocumentKind kind) {
    if (forced || CrdService.advertised(service)) {
      return true;
    }
    return switch (kind) {
      case REQUEST -> hasCrdExtension(doc.path("extension"));
      case RESPONSE -> hasCoverageInformation(doc);
      default -> false;
    };
  }

  private static boolean hasCrdExtension(JsonNode extension) {
    for (Iterator<String> it = extension.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith("davinci-crd.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCoverageInformation(JsonNode response) {
    for (JsonNode a : response.path("systemActions")) {
      if (ResponseTypes.hasCoverageInformation(a.path("resource"))) {
        return true;
      }
    }
    return false;
  }
}
