package dev.cds.client;

import dev.cds.core.Grammar;
import dev.cds.core.Setting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.RandomIds;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Overrides;
import dev.cds.hooks.RequestSkeleton;

/**
 * The body of a hook call: a request file sent as is (fresh hookInstance unless kept), or the
 * hook's skeleton with a user context, then {@code --set} overrides and the FHIR server fields.
 */
public final class RequestBuilder {
  /** Where the body comes from; at most one of {@code context} and {@code request} is set. */
  public record Source(JsonNode context, JsonNode request, boolean keepInstance, String fhirVersion,
      Overrides overrides, FhirAccess fhir) {}

  /** {@code fhirServer} and the token it hands the service; all null when not given. */
  public record FhirAccess(String server, String token, String scope, String subject, Integer expiresIn, String patient) {
    public boolean present() {
      return server != null || token != null;
    }
  }

  private final HookCatalog catalog;

  public RequestBuilder(HookCatalog catalog) {
    this.catalog = catalog;
  }

  /** {@code def} is null for a hook the catalog does not know; then a context or request is required. */
  public ObjectNode build(String hook, HookDefinition def, Source src) {
    ObjectNode request;
    JsonNode given = src.request() != null ? src.request() : src.context();
    boolean fullRequest = src.request() != null || isFullRequest(src.context());
    if (given != null && fullRequest) {
      if (!given.isObject()) {
        throw CdsException.badInput("the request file must hold a JSON object");
      }
      request = ((ObjectNode) given).deepCopy();
      String inFile = request.path("hook").asText(null);
      if (inFile != null && !inFile.equals(hook)) {
        throw CdsException.usage("the request is for hook " + inFile + " but the service answers " + hook
            + ": call " + Grammar.withArticle(inFile) + " service, or change \"hook\"");
      }
      request.put("hook", hook);
      if (!src.keepInstance() || !request.hasNonNull("hookInstance")) {
        request.put("hookInstance", RandomIds.uuid().toString());
      }
    } else {
      if (def == null && given == null) {
        throw CdsException.usage("cds has no skeleton for hook '{0}': give {1} FILE or {2} FILE", hook, Setting.CONTEXT,
            Setting.REQUEST);
      }
      request = dev.cds.core.Json.object();
      request.put("hook", hook);
      request.put("hookInstance", RandomIds.uuid().toString());
      request.set("context", given != null ? contextOf(given)
          : new RequestSkeleton(catalog).context(def, new RequestSkeleton.Options(src.fhirVersion(), false, null)));
    }
    applyFhir(request, src.fhir());
    src.overrides().apply(request, def);
    if (request.has("fhirAuthorization") && !request.hasNonNull("fhirServer")) {
      throw CdsException.usage("fhirAuthorization without fhirServer is not allowed: add {0} URL", Setting.FHIR_SERVER);
    }
    return request;
  }

  /** A request file passed as --context (it has hook and context) is used as the request. */
  static boolean isFullRequest(JsonNode n) {
    return n != null && n.isObject() && n.has("hook") && n.path("context").isObject();
  }

  /** A context object, or the {@code "context"} of a {@code {"context": …}} wrapper as the hook library prints them. */
  static ObjectNode contextOf(JsonNode n) {
    if (!n.isObject()) {
      throw CdsException.badInput("the context file must hold a JSON object (the hook's context fields)");
    }
    if (n.size() == 1 && n.path("context").isObject()) {
      return (ObjectNode) n.get("context").deepCopy();
    }
    return ((ObjectNode) n).deepCopy();
  }

  private static void applyFhir(ObjectNode request, FhirAccess fhir) {
    if (fhir == null || !fhir.present()) {
      return;
    }
    if (fhir.token() != null && fhir.server() == null && !request.hasNonNull("fhirServer")) {
      throw CdsException.usage("{0} needs {1}: fhirAuthorization is only sent with fhirServer", Setting.FHIR_TOKEN,
          Setting.FHIR_SERVER);
    }
    if (fhir.server() != null) {
      request.put("fhirServer", fhir.server());
    }
    if (fhir.token() != null) {
      ObjectNode auth = request.putObject("fhirAuthorization");
      auth.put("access_token", fhir.token());
      auth.put("token_type", "Bearer");
      auth.put("expires_in", fhir.expiresIn() == null ? 300 : fhir.expiresIn());
      auth.put("scope", fhir.scope() == null ? "user/*.read" : fhir.scope());
      auth.put("subject", fhir.subject() == null ? "cds-service" : fhir.subject());
      if (fhir.patient() != null) {
        auth.put("patient", fhir.patient());
      } else if (request.path("context").path("patientId").isTextual()
          && (fhir.scope() != null && fhir.scope().contains("patient/"))) {
        auth.put("patient", request.path("context").path("patientId").asText());
      }
    }
  }
}
