package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.testing.RecordingLoader;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HAPI loads only when FHIR checks are asked for: the request checks {@code cds call} runs on
 * every call must not pay for it. Runs the validator in a fresh {@link RecordingLoader}.
 */
class HapiIsolationTest {
  private static final String[] HAPI = {"ca.uhn.", "org.hl7.fhir."};
  private static final String REQUEST = """
      {"hook": "order-dispatch", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
       "fhirServer": "https://ehr.example.org/fhir",
       "context": {"patientId": "1288992", "dispatchedOrders": ["ServiceRequest/a"],
         "performer": "Organziation/9",
         "fulfillmentTasks": [{"resourceType": "Task", "status": "draft", "intent": "order",
           "focus": {"reference": "ServiceRequest/a"}, "owner": {"reference": "Organziation/9"}}]},
       "prefetch": {"patient": {"resourceType": "Patient", "id": "1288992"}}}
      """;

  @Test
  void requestAndResponseChecksLoadNoHapiClass() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Object findings = run(loader, "validateRequest", false);
      assertTrue(findings.toString().contains("context.reference.type"), findings.toString());
      Class<?> kind = loader.loadClass("dev.cds.validate.DocumentKind");
      Class<?> options = loader.loadClass("dev.cds.validate.Validator$Options");
      Object v = validator(loader);
      Object response = loader.loadClass("dev.cds.core.Json").getMethod("parse", String.class, String.class)
          .invoke(null, "{\"cards\":[{\"summary\":\"s\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}]}", "r");
      v.getClass().getMethod("validate", loader.loadClass("com.fasterxml.jackson.databind.JsonNode"), kind, options)
          .invoke(v, response, kind.getField("RESPONSE").get(null), options.getMethod("of", boolean.class).invoke(null, false));
      assertFalse(loader.loaded(HAPI), () -> "loaded: " + loader.loadedOf(HAPI));
    }
  }

  @Test
  void fhirChecksDoLoadHapi() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Object findings = run(loader, "validateRequest", true);
      assertTrue(findings.toString().contains("fhir.reference.type"), findings.toString());
      assertTrue(loader.loaded(HAPI), "the FHIR checks should have parsed with HAPI");
    }
  }

  private static Object validator(RecordingLoader loader) throws Exception {
    Class<?> catalog = loader.loadClass("dev.cds.hooks.HookCatalog");
    return loader.loadClass("dev.cds.validate.Validator").getConstructor(catalog)
        .newInstance(catalog.getMethod("bundled").invoke(null));
  }

  private static Object run(RecordingLoader loader, String method, boolean fhir) throws Exception {
    Class<?> json = loader.loadClass("dev.cds.core.Json");
    Class<?> catalog = loader.loadClass("dev.cds.hooks.HookCatalog");
    Class<?> validator = loader.loadClass("dev.cds.validate.Validator");
    Class<?> node = loader.loadClass("com.fasterxml.jackson.databind.JsonNode");
    Object doc = json.getMethod("parse", String.class, String.class).invoke(null, REQUEST, "request");
    Object v = validator(loader);
    Method m = validator.getMethod(method, node, boolean.class);
    return (List<?>) m.invoke(v, doc, fhir);
  }
}
