package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.crd.ConfigurationOption;
import dev.cds.crd.CrdCodes;
import dev.cds.crd.CrdService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request to a CRD service: the CRD request model's required members (fhirServer and
 * fhirAuthorization), the token lifetime, the CRD context models of appointment-book,
 * order-dispatch, order-select and order-sign where they constrain fields directly, the one
 * active Coverage of prefetch, and the CRD extensions. Resource profiles (US Core, CRD's own) are
 * not checked.
 */
final class CrdRequestChecks {
  private static final JsonNode MODELS = Json.resource("/crd/contexts.json").path("hooks");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
  /** found-22: an access token should live no longer than this. */
  private static final int TOKEN_SECONDS = 30;

  private final Findings out;
  private final CrdScope scope;

  private CrdRequestChecks(Findings out, CrdScope scope) {
    this.out = out;
    this.scope = scope;
  }

  static void check(JsonNode request, CrdScope scope, Findings out) {
    if (!request.isObject()) {
      return;
    }
    CrdRequestChecks c = new CrdRequestChecks(out, scope);
    c.members(request);
    c.context(request.path("hook").asText(), request.path("context"));
    c.coverage(request.path("prefetch"));
    c.extension(request.path("extension"));
  }

  private void members(JsonNode request) {
    if (absent(request.get("fhirServer"))) {
      out.error(CrdRules.HOOK_20, "", "a CRD request needs 'fhirServer': the EHR's FHIR base the payer queries for"
          + " what prefetch did not bring");
    }
    JsonNode auth = request.get("fhirAuthorization");
    if (absent(auth)) {
      out.error(CrdRules.FOUND_20, "", "a CRD request needs 'fhirAuthorization': an access token that lets the payer"
          + " read the patient's record on fhirServer");
    } else if (auth.path("expires_in").canConvertToExactIntegral() && auth.path("expires_in").asLong() > TOKEN_SECONDS) {
      out.warning(CrdRules.FOUND_22, "/fhirAuthorization/expires_in", "the access token lives "
          + auth.path("expires_in").asLong() + " s: CRD asks for " + TOKEN_SECONDS + " s or less");
    }
  }

  private void context(String hook, JsonNode context) {
    JsonNode model = MODELS.get(hook);
    if (model == null || !context.isObject()) {
      return;
    }
    String rule = model.path("rule").asText();
    String name = model.path("model").asText();
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("fields").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      JsonNode spec = e.getValue();
      JsonNode value = context.get(field);
      String at = Pointer.field("/context", field);
      if (value == null || value.isNull()) {
        if (spec.path("required").asBoolean()) {
          report(rule, "/context", name + " requires context." + field);
        }
        continue;
      }
      if (spec.has("references")) {
        references(rule, name, field, at, value, strings(spec.get("references")));
      } else if (spec.has("bundle")) {
        bundle(rule, name, field, at, value, strings(spec.get("bundle")));
      } else if (spec.has("resources")) {
        resources(rule, name, field, at, value, strings(spec.get("resources")));
      }
    }
  }

  private void references(String rule, String model, String field, String at, JsonNode value, List<String> types) {
    List<JsonNode> refs = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode ref : value) {
        refs.add(ref);
      }
    } else {
      refs.add(value);
    }
    for (int i = 0; i < refs.size(); i++) {
      String p = value.isArray() ? Pointer.index(at, i) : at;
      String type = refs.get(i).isTextual() ? FhirTypes.typeOf(refs.get(i).asText()) : null;
      if (type == null) {
        report(rule, p, model + ": context." + field + " holds references like \"" + types.get(0) + "/123\"");
      } else if (!types.contains(type)) {
        report(rule, p, model + ": context." + field + " refers to " + String.join(", ", types) + ", not " + type);
      }
    }
  }

  private void bundle(String rule, String model, String field, String at, JsonNode value, List<String> types) {
    if (!"Bundle".equals(value.path("resourceType").asText())) {
      report(rule, at, model + ": context." + field + " is a Bundle of " + String.join(", ", types));
      return;
    }
    JsonNode entries = value.path("entry");
    for (int i = 0; i < entries.size(); i++) {
      resource(rule, model, field, Pointer.field(Pointer.index(Pointer.field(at, "entry"), i), "resource"),
          entries.get(i).path("resource"), types);
    }
  }

  private void resources(String rule, String model, String field, String at, JsonNode value, List<String> types) {
    if (!value.isArray()) {
      report(rule, at, model + ": context." + field + " is an array of " + String.join(", ", types) + " resources");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      resource(rule, model, field, Pointer.index(at, i), value.get(i), types);
    }
  }

  private void resource(String rule, String model, String field, String at, JsonNode r, List<String> types) {
    String type = r.path("resourceType").asText("");
    if (!types.contains(type)) {
      report(rule, at, model + ": context." + field + " holds " + String.join(", ", types) + ", not "
          + (type.isEmpty() ? "something without resourceType" : type));
    } else if (!r.path("id").isTextual() || r.path("id").asText().isBlank()) {
      report(CrdRules.FOUND_36, at, type + " in context." + field + " needs an 'id': CRD card actions and"
          + " coverage information refer to it by id");
    }
  }

  /** Reports unless the hook catalog's checks already found an error at the same place. */
  private void report(String rule, String at, String message) {
    for (Finding f : out.list()) {
      if (f.isError() && f.path().equals(at)) {
        return;
      }
    }
    out.error(rule, at, message);
  }

  private void coverage(JsonNode prefetch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = prefetch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = Pointer.field("/prefetch", e.getKey());
      JsonNode v = e.getValue();
      List<String> coverages = new ArrayList<>();
      if ("Coverage".equals(v.path("resourceType").asText())) {
        status(at, v);
        coverages.add(at);
      }
      JsonNode entries = v.path("entry");
      for (int i = 0; i < entries.size(); i++) {
        JsonNode r = entries.get(i).path("resource");
        if ("Coverage".equals(r.path("resourceType").asText())) {
          String p = Pointer.field(Pointer.index(Pointer.field(at, "entry"), i), "resource");
          status(p, r);
          coverages.add(p);
        }
      }
      if (coverages.size() > 1) {
        out.error(CrdRules.DEV_29, at, "prefetch '" + e.getKey() + "' holds " + coverages.size() + " Coverages: a CRD"
            + " request carries only the primary one (the payer answers 400 otherwise)");
      } else if (coverages.isEmpty() && e.getKey().equalsIgnoreCase("coverage") && "Bundle".equals(v.path("resourceType").asText())) {
        out.warning(CrdRules.DEV_26, at, "prefetch 'coverage' holds no Coverage: CRD clients call a payer only for a"
            + " patient with active coverage (the payer answers 400 otherwise)");
      }
    }
  }

  private void status(String at, JsonNode coverage) {
    String status = coverage.path("status").asText(null);
    if (status != null && !status.equals("active")) {
      out.error(CrdRules.DEV_26, Pointer.field(at, "status"), "Coverage/" + coverage.path("id").asText("?") + " is "
          + status + ": CRD clients call a payer only for active coverage");
    }
  }

  private void extension(JsonNode extension) {
    CrdService service = scope.service() == null ? null : CrdService.of(scope.service());
    String cat = Pointer.field("/extension", CrdCodes.CONFIGURATION);
    JsonNode config = extension.get(CrdCodes.CONFIGURATION);
    if (config != null && !config.isObject()) {
      out.error(CrdRules.DEV_12, cat, "'" + CrdCodes.CONFIGURATION + "' is one object of option code → value,"
          + " e.g. {\"coverage-info\": true, \"max-cards\": 5}, not " + ContextChecks.kind(config));
    } else if (config != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        configured(Pointer.field(cat, e.getKey()), e.getKey(), e.getValue(), service);
      }
    }
    String vat = Pointer.field("/extension", CrdCodes.REQUESTED_VERSION);
    JsonNode version = extension.get(CrdCodes.REQUESTED_VERSION);
    if (version != null && (!version.isTextual() || !VERSION.matcher(version.asText()).matches())) {
      out.error(CrdRules.DEV_3, vat, "'" + CrdCodes.REQUESTED_VERSION + "' is the CRD major.minor as a string,"
          + " e.g. \"2.2\", not " + version);
    } else if (service != null && version == null && service.versions().size() > 1) {
      out.error(CrdRules.DEV_3, extension.isObject() ? "/extension" : "", "the service supports CRD "
          + String.join(", ", service.versions()) + ": say which with \"" + CrdCodes.REQUESTED_VERSION + "\"");
    } else if (service != null && version != null && !service.versions().isEmpty()
        && !service.versions().contains(version.asText())) {
      out.warning(CrdRules.DEV_3, vat, "the service supports CRD " + String.join(", ", service.versions()) + ", not "
          + version.asText() + ": it will answer with an error");
    }
  }

  private void configured(String at, String code, JsonNode value, CrdService service) {
    if (!value.isBoolean() && !value.canConvertToExactIntegral()) {
      out.error(CrdRules.DEV_12, at, "configuration values are booleans or integers, not " + ContextChecks.kind(value));
      return;
    }
    if (service == null) {
      return;
    }
    Optional<ConfigurationOption> option = service.option(code);
    if (option.isEmpty()) {
      out.warning(CrdRules.DEV_12, at, "the service offers no option '" + code + "' (it ignores it); it offers: "
          + service.offer());
    } else if (("boolean".equals(option.get().type()) && !value.isBoolean())
        || ("integer".equals(option.get().type()) && !value.canConvertToExactIntegral())) {
      out.error(CrdRules.DEV_12, at, "option '" + code + "' is " + option.get().type() + ", not " + ContextChecks.kind(value));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull() || FhirStructure.isEmpty(v);
  }
}
