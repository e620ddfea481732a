package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.VersionChoice;
import dev.cds.hooks.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The members of a hook request (CDS Hooks 2.0 §2), then its context through the catalog. */
final class RequestChecks {
  static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final List<String> MEMBERS =
      List.of("hook", "hookInstance", "fhirServer", "fhirAuthorization", "context", "prefetch", "extension");
  private static final List<String> AUTH_MEMBERS = List.of("access_token", "token_type", "expires_in", "scope", "subject");
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private RequestChecks() {}

  /** Checks {@code request}; returns the hook version its context was checked against, or null. */
  static HookDefinition check(JsonNode request, HookCatalog catalog, String hookVersion, String fhirVersion, Findings out) {
    if (!request.isObject()) {
      out.error("request.object", "", "a hook request is a JSON object with hook, hookInstance and context, not "
          + ContextChecks.kind(request));
      return null;
    }
    members(request, out);
    String hook = hook(request, catalog, out);
    hookInstance(request.get("hookInstance"), out);
    fhirServer(request, out);
    fhirAuthorization(request, out);
    prefetch(request.get("prefetch"), out);
    JsonNode extension = request.get("extension");
    if (extension != null && !extension.isNull() && !extension.isObject()) {
      out.error("request.extension", "/extension", "'extension' must be an object of namespaced keys, not "
          + ContextChecks.kind(extension));
    }
    JsonNode context = request.get("context");
    if (context == null || context.isNull()) {
      out.error("request.context", "", "missing 'context': an object with the hook's context fields (cds hooks show "
          + (hook == null ? "HOOK" : hook) + ")");
      return null;
    }
    if (!context.isObject()) {
      out.error("request.context", "/context", "'context' must be an object, not " + ContextChecks.kind(context));
      return null;
    }
    if (hook == null || !catalog.knows(hook)) {
      return null;
    }
    VersionChoice choice = catalog.resolve(hook, hookVersion, null, context);
    if (choice.warning() != null) {
      out.warning("request.hook.version", "/hook", choice.warning());
    }
    HookDefinition def = choice.definition();
    if (def.deprecated()) {
      out.warning("request.hook.deprecated", "/hook", hook + " is deprecated: use "
          + String.join(" or ", def.replacedBy()));
    }
    Map<String, ContextChecks.Member> resolved = ContextChecks.check(context, def, fhirVersion, out);
    HookRules.check(def, resolved, out);
    return def;
  }

  private static void members(JsonNode request, Findings out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String at = Pointer.field("", name);
      if (!MEMBERS.contains(name)) {
        out.warning("request.member.unknown", at, "'" + name + "' is not a member of a hook request (services"
            + " ignore it)" + Suggestions.didYouMean(name, MEMBERS) + "; custom data goes under 'extension'");
      } else if (!name.equals("context") && (e.getValue().isNull() || FhirStructure.isEmpty(e.getValue()))) {
        out.warning("request.member.empty", at, "'" + name + "' is null or empty: leave absent members out");
      }
    }
  }

  private static String hook(JsonNode request, HookCatalog catalog, Findings out) {
    JsonNode hook = request.get("hook");
    if (hook == null || !hook.isTextual() || hook.asText().isEmpty()) {
      out.error("request.hook", hook == null ? "" : "/hook", "'hook' must be the hook's name, e.g. \"patient-view\""
          + (hook == null ? " (it is missing)" : ""));
      return null;
    }
    String name = hook.asText();
    if (!catalog.knows(name)) {
      out.warning("request.hook.unknown", "/hook", "'" + name + "' is not a hook cds knows"
          + Suggestions.didYouMean(name, catalog.names()) + " (custom hooks are allowed; its context is not checked)");
    }
    return name;
  }

  private static void hookInstance(JsonNode id, Findings out) {
    if (id == null || !id.isTextual()) {
      out.error("request.hookInstance", id == null ? "" : "/hookInstance",
          "'hookInstance' must be a fresh random UUID string per call, e.g. \"" + java.util.UUID.randomUUID() + "\"");
    } else if (!UUID.matcher(id.asText()).matches()) {
      out.error("request.hookInstance.uuid", "/hookInstance", "'" + id.asText() + "' is not a UUID: use a fresh"
          + " random one per call, e.g. \"" + java.util.UUID.randomUUID() + "\"");
    }
  }

  private static void fhirServer(JsonNode request, Findings out) {
    JsonNode server = request.get("fhirServer");
    if (server == null || server.isNull() || FhirStructure.isEmpty(server)) {
      return;
    }
    URI uri = server.isTextual() ? uri(server.asText()) : null;
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (uri == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      out.error("request.fhirServer", "/fhirServer", "'fhirServer' must be the absolute https URL of the FHIR"
          + " server's base, e.g. \"https://ehr.example.org/fhir\"");
    } else if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase())) {
      out.warning("request.fhirServer.https", "/fhirServer", "'" + server.asText() + "' is plain http: CDS Hooks"
          + " requires https for real patient data (http is fine only for a local test server)");
    }
  }

  private static void fhirAuthorization(JsonNode request, Findings out) {
    JsonNode auth = request.get("fhirAuthorization");
    if (auth == null || auth.isNull() || FhirStructure.isEmpty(auth)) {
      return;
    }
    JsonNode server = request.get("fhirServer");
    if (server == null || server.isNull() || FhirStructure.isEmpty(server)) {
      out.error("cds-r-1", "/fhirAuthorization", "'fhirAuthorization' is sent"
          + " without 'fhirServer': add the FHIR server the token is for, or drop the token");
    }
    if (!auth.isObject()) {
      out.error("request.fhirAuthorization", "/fhirAuthorization", "'fhirAuthorization' must be an object with "
          + String.join(", ", AUTH_MEMBERS));
      return;
    }
    for (String name : AUTH_MEMBERS) {
      JsonNode v = auth.get(name);
      String at = Pointer.field("/fhirAuthorization", name);
      boolean integer = name.equals("expires_in");
      if (v == null) {
        out.error("request.fhirAuthorization.member", "/fhirAuthorization", "missing '" + name + "': "
            + "fhirAuthorization needs " + String.join(", ", AUTH_MEMBERS));
      } else if (integer ? !v.canConvertToExactIntegral() || !v.isNumber() : !v.isTextual() || v.asText().isBlank()) {
        out.error("request.fhirAuthorization.member", at, "'" + name + "' must be "
            + (integer ? "an integer number of seconds" : "a non-empty string") + ", not " + ContextChecks.kind(v));
      }
    }
    JsonNode type = auth.get("token_type");
    if (type != null && type.isTextual() && !type.asText().isBlank() && !type.asText().equals("Bearer")) {
      out.error("request.fhirAuthorization.member", "/fhirAuthorization/token_type", "'token_type' is fixed:"
          + " \"Bearer\", not \"" + type.asText() + "\"");
    }
    JsonNode scope = auth.get("scope");
    if (scope != null && scope.isTextual()) {
      if (scope.asText().matches("(.*\\s)?patient/.*") && !auth.has("patient")) {
        out.warning("cds-r-2", "/fhirAuthorization", "patient/ scopes without 'patient':"
            + " add the Patient id the token is limited to");
      }
      SmartScopes.check(scope.asText(), out);
    }
  }

  private static void prefetch(JsonNode prefetch, Findings out) {
    if (prefetch == null || prefetch.isNull()) {
      return;
    }
    if (!prefetch.isObject()) {
      out.error("request.prefetch", "/prefetch", "'prefetch' must be an object: key → FHIR resource, not "
          + ContextChecks.kind(prefetch));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = prefetch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isNull() && !(v.isObject() && v.has("resourceType"))) {
        out.error("request.prefetch", Pointer.field("/prefetch", e.getKey()), "prefetch '" + e.getKey()
            + "' must be a FHIR resource (a read), a Bundle (a search) or null (nothing found), not "
            + (v.isObject() ? "an object without resourceType" : ContextChecks.kind(v)));
      }
    }
  }

  static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
