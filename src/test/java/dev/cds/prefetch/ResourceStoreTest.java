package dev.cds.prefetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.sun.net.httpserver.HttpServer;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceStoreTest {
  private static ResourceStore store() {
    List<JsonNode> resources = new ArrayList<>();
    Fixtures.ehrBundle().path("entry").forEach(e -> resources.add(e.get("resource")));
    return ResourceStore.of("ehr.json", resources);
  }

  /** The ids a search returns, comma-joined, or "status: diagnostics" for an error. */
  private static String ids(String url) {
    FhirResponse r = store().get(url);
    if (r.status() != 200) {
      return r.status() + ": " + r.body().at("/issue/0/diagnostics").asText();
    }
    List<String> ids = new ArrayList<>();
    r.body().path("entry").forEach(e -> ids.add(e.at("/resource/id").asText()));
    return String.join(",", ids);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
      "Coverage?patient=p1 => cov1,cov0",
      "Coverage?patient=Patient/p1&status=active => cov1",
      "Coverage?beneficiary=Patient/p2 => cov2",
      "ServiceRequest?_id=sr1,sr3 => sr1,sr3",
      "ServiceRequest?_id=sr1%2Csr2 => sr1,sr2",
      "ServiceRequest?subject=Patient/p1&status=draft => sr1,sr2",
      "ServiceRequest?subject=p2 => sr3",
      "ServiceRequest?status=draft,active&_count=2 => sr1,sr2",
      "Observation?code=http://loinc.org%7C4548-4 => o1,o2",
      "Observation?code=4548-4&date=ge2025-01-01 => o1",
      "Observation?code=http://snomed.info/sct|4548-4 => ``",
      "Observation?date=2025-03 => o1,o3",
      "Observation?date=lt2025 => o2",
      "Observation?patient=p1&_sort=-date&_include=Observation:subject => o1,o2,o3",
      "Organization?payor=x => ``",
      "Patient => p1,p2",
      "Coverage?patient:missing=true => 400: search modifier 'patient:missing' is not supported by this store (equality only)",
      "Coverage?patient.name=x => 400: chained search 'patient.name' is not supported by this store",
      "Patient/p1/_history => 400: 'Patient/p1/_history' is not a read (Type/id) or a search (Type?…) this store answers",
      "Patient/nobody => 404: Patient/nobody is not in ehr.json",
  })
  void answersSimpleSearches(String url, String expected) {
    assertEquals(expected, ids(url));
  }

  @Test
  void searchesAreSearchsetBundlesWithTotalsAndCount() {
    JsonNode b = store().get("ServiceRequest?subject=p1&_count=1").body();
    assertEquals("searchset", b.path("type").asText());
    assertEquals(2, b.path("total").asInt());
    assertEquals(1, b.path("entry").size());
    assertEquals("match", b.at("/entry/0/search/mode").asText());
    assertEquals("p1", store().get("Patient/p1").body().path("id").asText());
  }

  @Test
  void loadsAFolderOfResourcesAndBundles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("patient.json"), "{\"resourceType\":\"Patient\",\"id\":\"a\"}");
    Files.createDirectories(dir.resolve("more"));
    Files.writeString(dir.resolve("more/bundle.json"), Json.compact(Fixtures.ehrBundle()));
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    ResourceStore s = ResourceStore.load(dir);
    assertEquals(14, s.size());
    assertEquals(200, s.get("Patient/a").status());
    assertEquals(200, s.get("Coverage/cov1").status());
    assertTrue(s.types().contains("Observation"));
  }

  @Test
  void badFilesAreBadInput(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("x.json"), "{\"not\": \"fhir\"}");
    CdsException e = assertThrows(CdsException.class, () -> ResourceStore.load(dir));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().endsWith("x.json is not a FHIR resource (no resourceType): give a Bundle or resource JSON files"));
    Files.writeString(dir.resolve("x.json"), "{\"resourceType\": ");
    assertEquals(ExitCode.BAD_INPUT, assertThrows(CdsException.class, () -> ResourceStore.load(dir)).exitCode());
    assertEquals(ExitCode.BAD_INPUT,
        assertThrows(CdsException.class, () -> ResourceStore.load(dir.resolve("missing.json"))).exitCode());
  }

  @Test
  void servesReadOnlyFhirOverHttp() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fhir", new FhirEndpoint(store(), "/fhir"));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/";
      var transport = new UrlConnectionTransport(TlsSettings.defaults());
      Duration t = Duration.ofSeconds(5);
      HttpResult metadata = transport.send(HttpCall.get(URI.create(base + "metadata"), t));
      assertEquals(200, metadata.status());
      assertTrue(metadata.header("content-type").startsWith("application/fhir+json"));
      JsonNode cs = Json.parse(metadata.body(), "metadata");
      assertEquals("CapabilityStatement", cs.path("resourceType").asText());
      assertEquals("Patient", cs.at("/rest/0/resource/0/type").asText());
      assertEquals("read", cs.at("/rest/0/resource/0/interaction/0/code").asText());

      HttpResult read = transport.send(HttpCall.get(URI.create(base + "Organization/payer-a"), t));
      assertEquals("Payer A", Json.parse(read.body(), "read").path("name").asText());
      HttpResult search = transport.send(HttpCall.get(URI.create(base + "Coverage?patient=p1&status=active"), t));
      assertEquals(1, Json.parse(search.body(), "search").path("total").asInt());
      HttpResult missing = transport.send(HttpCall.get(URI.create(base + "Patient/zz"), t));
      assertEquals(404, missing.status());
      assertEquals("OperationOutcome", Json.parse(missing.body(), "404").path("resourceType").asText());
      HttpResult post = transport.send(HttpCall.postJson(URI.create(base + "Patient"), "{}".getBytes(), t));
      assertEquals(405, post.status());
    } finally {
      server.stop(0);
    }
  }
}
