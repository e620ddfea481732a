package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderDiffCommandTest {
  private static final String RES = "src/test/resources/render/";

  @Test
  void rendersAFileAtAFixedWidth() throws Exception {
    Cli.Result r = cli().run("render", RES + "full.json", "--width", "80", "--output", "pretty");
    assertEquals(0, r.code(), r.toString());
    assertEquals(Files.readString(Path.of(RES + "full.w80.txt")), r.out());
  }

  @Test
  void rendersOnATerminalWithoutColourWhenNoColorIsSet() throws Exception {
    Cli.Result r = cli().terminal().env("NO_COLOR", "1").run("render", RES + "services.ndjson", "--width", "80");
    assertEquals(0, r.code(), r.toString());
    assertEquals(Files.readString(Path.of(RES + "services.w80.txt")), r.out());
  }

  @Test
  void colourOnATerminal() {
    Cli.Result r = cli().terminal().run("render", RES + "seed-crd.json", "--width", "72");
    assertTrue(r.out().contains("\u001b[1;30;43m WARNING \u001b[0m"), r.toString());
  }

  @Test
  void jsonOutputReEmitsTheResponseInDisplayOrder() {
    Cli.Result r = cli().run("render", RES + "full.json");
    assertEquals(0, r.code(), r.toString());
    JsonNode out = Json.parse(r.out(), "stdout");
    assertEquals("critical", out.at("/cards/0/indicator").asText());
    assertEquals("info", out.at("/cards/2/indicator").asText());
    assertEquals("asrt-9001", out.at("/systemActions/0/resource/extension/0/extension/5/valueString").asText());
  }

  @Test
  void ndjsonStaysNdjsonInJsonOutput() {
    Cli.Result r = cli().run("render", RES + "services.ndjson", "--output", "json");
    String[] lines = r.out().strip().split("\n");
    assertEquals(4, lines.length, r.out());
    assertEquals("crd-payer-b", Json.parse(lines[1], "line").get("service").asText());
  }

  @Test
  void rendersStdin() throws Exception {
    Cli.Result r = cli().stdin(Files.readString(Path.of(RES + "seed-crd.json"))).run("render", "--output", "pretty", "--width", "72");
    assertEquals(Files.readString(Path.of(RES + "seed-crd.w72.txt")), r.out());
  }

  @Test
  void badInputExitsThree() {
    Cli.Result r = cli().stdin("{\"cards\": [").run("render", "-");
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().startsWith("cds: stdin is not valid JSON at line 1"), r.err());
    assertEquals(3, cli().run("render", "no-such-file.json").code());
  }

  @Test
  void renderOnATerminalWithoutInputIsAUsageError() {
    Cli.Result r = cli().terminal().run("render");
    assertEquals(2, r.code(), r.toString());
  }

  @Test
  void diffExitCodesAndIgnore(@TempDir Path dir) throws Exception {
    String base = Files.readString(Path.of(RES + "full.json"));
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.writeString(a, base);
    Files.writeString(b, base.replace("Already on *naproxen*.", "Already on naproxen (since May)."));
    Cli.Result same = cli().run("diff", a.toString(), a.toString(), "--output", "pretty");
    assertEquals(0, same.code(), same.toString());
    assertEquals("No differences.\n", same.out());

    Cli.Result differs = cli().run("diff", a.toString(), b.toString(), "--output", "pretty", "--width", "100");
    assertEquals(1, differs.code(), differs.toString());
    assertEquals("~ card [info] \"Ibuprofen duplicates an active NSAID order\" from Pharmacy rules\n"
        + "    /detail: \"Already on *naproxen*.\" → \"Already on naproxen (since May).\"\n\ncards: 1 changed.\n", differs.out());

    assertEquals(0, cli().run("diff", a.toString(), b.toString(), "--ignore", "/cards/*/detail").code());

    Cli.Result json = cli().stdin(Files.readString(b)).run("diff", a.toString(), "-");
    assertEquals(1, json.code());
    assertEquals("/detail", Json.parse(json.out(), "stdout").at("/services/0/cards/0/fields/0/path").asText());
  }

  @Test
  void diffUsageErrors() {
    assertEquals(2, cli().run("diff", "-", "-").code());
    assertEquals(2, cli().run("diff", RES + "full.json", RES + "full.json", "--ignore", "cards").code());
    assertEquals(2, cli().run("diff", RES + "full.json").code());
  }
}
