package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cds serve --spec 3.0: discovery names the CDS Hooks release and each service's hook version. */
class ServeSpec30Test {
  @TempDir Path dir;

  private List<ServiceDefinition> definitions(SpecVersion version) throws Exception {
    Files.writeString(dir.resolve("pv.json"), """
        {"id": "pv", "hook": "patient-view", "description": "d"}
        """);
    Files.writeString(dir.resolve("os.json"), """
        {"id": "os", "hook": "order-sign", "hookVersion": "1.0", "description": "d"}
        """);
    Files.writeString(dir.resolve("odd.json"), """
        {"id": "odd", "hook": "com.example.custom", "description": "d"}
        """);
    return ServeCommand.definitions(dir, version);
  }

  @Test
  void under30EveryEntryNamesTheReleaseAndItsHookVersion() throws Exception {
    HookCatalog catalog = HookCatalog.bundled();
    try (CdsServer server = new CdsServer(definitions(SpecVersion.V3_0), null, Clock.systemUTC())
        .spec(SpecVersion.V3_0).start("127.0.0.1", 0, 2)) {
      Cli.Result r = cli().run("discover", server.baseUrl(), "--output", "json");
      assertEquals(0, r.code(), r::toString);
      JsonNode services = Json.parse(r.out(), "out").path("services");
      for (JsonNode s : services) {
        assertEquals("3.0.0", s.path("version").asText(), s::toString);
      }
      assertEquals(catalog.entry("patient-view").defaultVersion(), byId(services, "pv").path("hookVersion").asText());
      assertEquals("1.0", byId(services, "os").path("hookVersion").asText(), "the definition's own version wins");
      assertFalse(byId(services, "odd").has("hookVersion"), "a hook the library does not know gets none");

      // the client takes the advertised version, and the 3.0 discovery checks find nothing to say about it
      Cli.Result call = cli().run("call", "order-sign", "--base", server.baseUrl(), "--spec", "3.0", "--output", "json");
      assertEquals(0, call.code(), call::toString);
      assertEquals("1.0", Json.parse(call.out(), "out").path("hookVersion").asText(), call.out());
      Cli.Result checked = cli().run("discover", server.baseUrl(), "--output", "pretty");
      assertEquals(0, checked.code(), checked::toString);
      assertTrue(checked.out().contains("1.0"), "discover shows the hook version: " + checked.out());
      assertFalse(checked.err().contains("version"), checked.err());
    }
  }

  @Test
  void under20DiscoveryStaysAs20DescribesIt() throws Exception {
    try (CdsServer server = new CdsServer(definitions(SpecVersion.V2_0), null, Clock.systemUTC())
        .start("127.0.0.1", 0, 2)) {
      JsonNode services = Json.parse(cli().run("discover", server.baseUrl(), "--output", "json").out(), "out")
          .path("services");
      for (JsonNode s : services) {
        assertFalse(s.has("version") || s.has("hookVersion"), s::toString);
      }
    }
  }

  @Test
  void aHookVersionThatIsNotAStringIsBadInput() throws Exception {
    Files.writeString(dir.resolve("bad.json"), """
        {"id": "bad", "hook": "patient-view", "hookVersion": 1.0, "description": "d"}
        """);
    Cli.Result r = cli().run("serve", dir.toString(), "--port", "0");
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("\"hookVersion\" is a string"), r.err());
  }

  private static JsonNode byId(JsonNode services, String id) {
    for (JsonNode s : services) {
      if (id.equals(s.path("id").asText())) {
        return s;
      }
    }
    throw new AssertionError("no service " + id + " in " + services);
  }
}
