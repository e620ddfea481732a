package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.prefetch.FhirEndpoint;
import dev.cds.prefetch.ResourceStore;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bundled example services and examples/fhir/ehr.json served the way {@code cds serve --fhir}
 * mounts them: their prefetch templates run end to end with no outside FHIR server.
 */
class ServeFhirPrefetchTest {
  @Test
  void bundledCrdServicePrefetchesFromTheServedFhirEndpoint() {
    List<String> queries = new CopyOnWriteArrayList<>();
    FhirEndpoint fhir = new FhirEndpoint(ResourceStore.load(Path.of("examples/fhir/ehr.json")), "/fhir");
    try (CdsServer server = TestServices.unstarted()) {
      server.mount("/fhir", exchange -> {
        queries.add(exchange.getRequestURI().toString());
        fhir.handle(exchange);
      });
      server.start("127.0.0.1", 0, 2);
      String base = server.baseUrl();
      Cli.Result r = cli().run("prefetch", "order-dispatch-crd", "--base", base,
          "--context", "examples/contexts/order-dispatch.json", "--fhir-server", base + "/fhir", "--output", "json");
      assertEquals(0, r.code(), r.toString());
      assertEquals(new TreeSet<>(List.of("/fhir/Patient/1288992", "/fhir/Coverage?patient=1288992&status=active",
          "/fhir/ServiceRequest?_id=imaging-order-001,imaging-order-002")), new TreeSet<>(queries));
      JsonNode out = Json.parse(r.out(), "out");
      assertEquals("John", out.at("/prefetch/patient/name/0/given/0").asText());
      assertEquals("cov-001", out.at("/prefetch/coverage/entry/0/resource/id").asText());
      assertEquals(2, out.at("/prefetch/serviceRequests/total").asInt());

      Cli.Result offline = cli().run("prefetch", "order-dispatch-crd", "--base", base,
          "--context", "examples/contexts/order-dispatch.json", "--prefetch-from", "examples/fhir/ehr.json",
          "--output", "json");
      assertEquals(out.get("prefetch"), Json.parse(offline.out(), "offline").get("prefetch"));
      assertTrue(r.err().isEmpty(), r.err());
    }
  }
}
