package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * HAPI loads only when FHIR checks are asked for: the request checks {@code cds call} runs on
 * every call must not pay for it. Runs the validator in a fresh class loader that records every
 * class it is asked for.
 */
class HapiIsolationTest {
  private static final String REQUEST = """
      {"hook": "order-dispatch", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
       "fhirServer": "https://ehr.example.org/fhir",
       "context": {"patientId": "1288992", "dispatchedOrders": ["ServiceRequest/a"],
         "performer": "Organziation/9",
         "fulfillmentTasks": [{"resourceType": "Task", "status": "draft", "intent": "order",
           "focus": {"reference": "ServiceRequest/a"}, "owner": {"reference": "Organziation/9"}}]},
       "prefetch": {"patient": {"resourceType": "Patient", "id": "1288992"}}}
      """;

  /** A loader that sees the test class path but shares nothing with the one running the tests. */
  static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    boolean loadedHapi() {
      return requested.stream().anyMatch(n -> n.startsWith("ca.uhn.") || n.startsWith("org.hl7.fhir."));
    }
  }

  @Test
  void requestAndResponseChecksLoadNoHapiClass() throws Exception {
    try (RecordingLoader loader = loader()) {
      Object findings = run(loader, "validateRequest", false);
      assertTrue(findings.toString().contains("context.reference.type"), findings.toString());
      Class<?> kind = loader.loadClass("dev.cds.validate.DocumentKind");
      Class<?> options = loader.loadClass("dev.cds.validate.Validator$Options");
      Object v = validator(loader);
      Object response = loader.loadClass("dev.cds.core.Json").getMethod("parse", String.class, String.class)
          .invoke(null, "{\"cards\":[{\"summary\":\"s\",\"indicator\":\"info\",\"source\":{\"label\":\"l\"}}]}", "r");
      v.getClass().getMethod("validate", loader.loadClass("com.fasterxml.jackson.databind.JsonNode"), kind, options)
          .invoke(v, response, kind.getField("RESPONSE").get(null), options.getMethod("of", boolean.class).invoke(null, false));
      assertFalse(loader.loadedHapi(), () -> "loaded: " + loader.requested.stream()
          .filter(n -> n.startsWith("ca.uhn") || n.startsWith("org.hl7")).sorted().toList());
    }
  }

  @Test
  void fhirChecksDoLoadHapi() throws Exception {
    try (RecordingLoader loader = loader()) {
      Object findings = run(loader, "validateRequest", true);
      assertTrue(findings.toString().contains("fhir.reference.type"), findings.toString());
      assertTrue(loader.loadedHapi(), "the FHIR checks should have parsed with HAPI");
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

  private static RecordingLoader loader() throws MalformedURLException {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    return new RecordingLoader(urls);
  }
}
