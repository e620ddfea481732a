package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cds.core.DisplayWidth;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every table fits COLUMNS (on a pipe in pretty mode too): no line wider than the width, ids
 * whole; JSON is the same at any width.
 */
class TableWidthTest {
  private static final Path FIXTURES = Path.of("src/test/resources/widths");
  private static final List<String> IDS = List.of("pv-reminders-for-preventive-care", "crd-sign", "short");
  private static final String CONTEXT = "{\"userId\": \"Practitioner/doc\", \"patientId\": \"p1\"}";

  private HttpServer server;
  private String base;
  private String discovery;

  @BeforeEach
  void start() throws IOException {
    discovery = Files.readString(FIXTURES.resolve("discovery.json"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = (exchange.getRequestMethod().equals("GET") ? discovery : "{\"cards\": []}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void discoverFitsAndKeepsIds(int width) {
    Cli.Result r = at(width).run("discover", base, "--output", "pretty");
    assertEquals(0, r.code(), r::toString);
    assertFits(r.out(), width);
    IDS.forEach(id -> assertTrue(r.out().contains(id + " ") || r.out().contains(id + "\n"), id + " whole:\n" + r.out()));
    assertTrue(r.out().contains("Preventive car"), r.out());
  }

  @Test
  void aTableOnAPipeWithoutColumnsIsWhole() {
    Cli.Result r = cli().run("discover", base, "--output", "pretty");
    assertTrue(r.out().contains("Preventive care reminders for adults, children and adolescents, with immunization schedules"),
        r.out());
    assertTrue(r.out().startsWith("ID "), r.out());
  }

  @Test
  void jsonIsTheSameAtAnyWidth() {
    Cli.Result narrow = at(60).run("discover", base, "--output", "json");
    assertEquals(Json.parse(discovery, "discovery"), Json.parse(narrow.out(), "out"));
    assertEquals(cli().run("hooks").out(), at(60).run("hooks").out());
    assertEquals(cli().stdin(CONTEXT).run("prefetch", IDS.get(0), "--base", base, "--context", "-").out(),
        at(60).stdin(CONTEXT).run("prefetch", IDS.get(0), "--base", base, "--context", "-").out());
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void hooksAndHookDetailsFit(int width) {
    Cli.Result list = at(width).terminal().run("hooks");
    assertFits(list.out(), width);
    assertTrue(list.out().contains("allergyintolerance-create"), list.out());
    for (String hook : List.of("order-dispatch", "order-sign", "appointment-book", "medication-prescribe")) {
      Cli.Result show = at(width).terminal().run("hooks", "show", hook);
      assertEquals(0, show.code(), show::toString);
      assertFits(show.out(), width);
      assertTrue(show.out().startsWith(hook + " "), show.out());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void prefetchReportFitsAndKeepsKeys(int width) {
    Cli.Result r = at(width).stdin(CONTEXT).run("prefetch", IDS.get(0), "--base", base, "--context", "-",
        "--output", "pretty");
    assertEquals(0, r.code(), r::toString);
    assertFits(r.out(), width);
    for (String key : List.of("patient ", "conditionsActive ", "coverage ")) {
      assertTrue(r.out().contains(key), key + "\n" + r.out());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void dryRunHeadingAndPrefetchTableFit(int width) {
    Cli.Result r = at(width).stdin(CONTEXT).run("call", IDS.get(0), "--base", base, "--context", "-",
        "--dry-run", "--output", "pretty");
    assertEquals(0, r.code(), r::toString);
    String tables = r.out().substring(0, r.out().indexOf("\n{") + 1); // the request itself is JSON, left whole
    assertFits(tables, width);
    assertTrue(tables.startsWith("== " + IDS.get(0) + " "), tables);
    assertTrue(tables.contains("conditionsActive "), tables);
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void validateFindingsWrapAndKeepRuleIds(int width) {
    Cli.Result r = at(width).run("validate", FIXTURES.resolve("response.json").toString(), "--output", "pretty");
    assertEquals(1, r.code(), r::toString);
    assertFits(r.out(), width);
    assertTrue(r.out().contains("[cds-resp-6]"), r.out());
    assertTrue(r.out().contains("[response.action.resource.id]"), r.out());
    assertTrue(r.out().startsWith("error   /cards/0  "), r.out());
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80})
  void loadReportFitsWithoutCuttingFigures(int width) {
    Cli.Result r = at(width).run("call", IDS.get(0), "--base", base, "--repeat", "3", "--output", "pretty");
    assertEquals(0, r.code(), r::toString);
    assertFits(r.out(), width);
    assertTrue(r.out().contains(IDS.get(0)), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("(REQUESTS +3|.* 3 .*)")), r.out());
  }

  @Test
  void theConformanceDryRunFits() {
    Cli.Result r = at(60).run("test", base, "--dry-run", "--output", "pretty");
    assertFits(r.out(), 60);
  }

  private static Cli at(int width) {
    return cli().env("COLUMNS", String.valueOf(width));
  }

  /** No line wider than {@code width} display columns (colour codes take none). */
  static void assertFits(String out, int width) {
    for (String line : out.split("\n")) {
      String visible = line.replaceAll("\u001b\\[[0-9;]*m", "");
      boolean oneToken = !visible.strip().contains(" "); // a URL is kept whole, so it stays copyable
      assertTrue(DisplayWidth.of(visible) <= width || oneToken,
          "wider than " + width + " (" + DisplayWidth.of(visible) + "): " + visible + "\n" + out);
    }
  }
}
