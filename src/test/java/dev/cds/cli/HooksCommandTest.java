package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import org.junit.jupiter.api.Test;

class HooksCommandTest {
  @Test
  void listOnATerminalShowsVersionsMaturityAndReplacements() {
    Cli.Result r = cli().terminal().env("COLUMNS", "100").run("hooks");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("HOOK"), r.out());
    assertTrue(r.out().contains("1.1 (also 1.0)"), r.out());
    assertTrue(r.out().contains("yes → order-select, order-sign"), r.out());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 100, l));
  }

  @Test
  void listAsJson() {
    JsonNode list = Json.parse(cli().run("hooks").out(), "out");
    assertEquals(13, list.size());
    assertEquals("order-dispatch", list.get(6).path("hook").asText());
    assertEquals("1.1", list.get(6).path("defaultVersion").asText());
    assertTrue(list.get(11).path("deprecated").asBoolean());
  }

  @Test
  void showPrintsTheFieldTableAndTheOtherSpellings() {
    Cli.Result r = cli().terminal().env("COLUMNS", "80").run("hooks", "show", "order-dispatch");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("dispatchedOrders  required  yes       array of Type/id"), r.out());
    assertTrue(r.out().contains("dispatched-orders → dispatchedOrders"), r.out());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "wider than 80: " + l));
    Cli.Result v10 = cli().terminal().run("hooks", "show", "order-dispatch", "--hook-version", "1.0");
    assertTrue(v10.out().contains("task") && v10.out().startsWith("order-dispatch 1.0"), v10.out());
  }

  @Test
  void showAsJsonIsTheDefinition() {
    JsonNode d = Json.parse(cli().run("hooks", "show", "order-sign").out(), "out");
    assertEquals("order-sign", d.path("hook").asText());
    assertEquals("userId", d.at("/fields/0/name").asText());
    assertTrue(d.at("/fields/0/required").asBoolean());
  }
}
