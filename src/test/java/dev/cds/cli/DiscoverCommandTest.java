package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.FaultServer;
import dev.cds.core.Json;
import org.junit.jupiter.api.Test;

class DiscoverCommandTest {
  @Test
  void tableToleratesNameAndMissingFieldsAndJsonKeepsUnknownFields() throws Exception {
    try (FaultServer server = new FaultServer()) {
      Cli.Result pretty = cli().terminal().run("discover", server.base() + "/");
      assertEquals(0, pretty.code(), pretty::toString);
      assertTrue(pretty.out().contains("Uses name not title"), pretty.out());
      assertTrue(pretty.out().startsWith("ID"), pretty.out());
      Cli.Result json = cli().run("discover", server.base());
      JsonNode doc = Json.parse(json.out(), "out");
      assertEquals(Json.parse(FaultServer.DISCOVERY, "d"), doc);
      assertTrue(doc.at("/services/5/x-vendor/kept").asBoolean());
    }
  }

  @Test
  void baseFromEnvironment() throws Exception {
    try (FaultServer server = new FaultServer()) {
      Cli.Result r = cli().env("CDS_BASE_URL", server.base()).run("discover");
      assertEquals(0, r.code(), r::toString);
    }
  }

  @Test
  void notACdsServerIsExit4() throws Exception {
    try (FaultServer server = new FaultServer()) {
      Cli.Result r = cli().run("discover", server.base() + "/nothing-here");
      assertEquals(4, r.code(), r::toString);
    }
  }
}
