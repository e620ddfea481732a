package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cds call with the card options: rendering on a terminal, --expect, --fail-on, --ignore, --interactive. */
class CallCardsTest {
  private static final String PRIOR_AUTH = "examples/services/responses/order-dispatch-prior-auth.json";
  private static final String IN_NETWORK = "examples/services/responses/order-dispatch-in-network.json";
  static CdsServer server;

  @BeforeAll
  static void start() {
    server = TestServices.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Cli.Result call(Cli cli, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "call";
    args[1] = "order-dispatch-crd";
    args[2] = "--base=" + server.baseUrl();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli.run(args);
  }

  @Test
  void rendersTheCardsOnATerminal() {
    Cli.Result r = call(cli().terminal(), "--no-color", "--width", "72");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("── order-dispatch-crd (order-dispatch) · HTTP 200 · "), r.out());
    assertTrue(r.out().contains("\n[WARNING] Prior Authorization required for imaging at selected facility\n"), r.out());
    assertTrue(r.out().contains("  source: CRD Decision Service <https://cds.example.org>\n"), r.out());
    for (String line : r.out().split("\n")) {
      assertTrue(line.length() <= 72 || line.startsWith("──"), line);
    }
  }

  @Test
  void failOnExitsOneWhenACardAtThatLevelCameBack() {
    Cli.Result warning = call(cli(), "--fail-on", "warning");
    assertEquals(1, warning.code(), warning::toString);
    assertTrue(warning.err().contains("cds: --fail-on warning: 1 card at warning or above"), warning.err());
    assertEquals("Prior Authorization required for imaging at selected facility",
        Json.parse(warning.out(), "stdout").at("/cards/0/summary").asText(), "stdout keeps the data");

    Cli.Result critical = call(cli(), "--fail-on", "critical");
    assertEquals(0, critical.code(), critical::toString);
    assertEquals("", critical.err());
  }

  @Test
  void expectPassesOnTheSameAnswerAndFailsWithTheDiffOtherwise() {
    Cli.Result same = call(cli(), "--expect", PRIOR_AUTH);
    assertEquals(0, same.code(), same::toString);

    Cli.Result different = call(cli(), "--expect", IN_NETWORK);
    assertEquals(1, different.code(), different::toString);
    assertTrue(different.err().startsWith("cds: the answer differs from " + IN_NETWORK + " (--expect):\n"), different.err());
    assertTrue(different.err().contains("+ card [warning] \"Prior Authorization required"), different.err());
  }

  @Test
  void ignoredFieldsDoNotCount(@TempDir Path dir) throws Exception {
    Path expected = dir.resolve("expected.json");
    Files.writeString(expected, Files.readString(Path.of(PRIOR_AUTH)).replace("**prior authorization**", "PA"));
    assertEquals(1, call(cli(), "--expect", expected.toString()).code());
    Cli.Result r = call(cli(), "--expect", expected.toString(), "--ignore", "/cards/*/detail");
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void expectationMistakesFailBeforeTheCall() {
    assertEquals(2, call(cli(), "--fail-on", "severe").code());
    assertEquals(2, call(cli(), "--expect", PRIOR_AUTH, "--ignore", "cards").code());
    Cli.Result missing = call(cli(), "--expect", "no-such.json");
    assertEquals(3, missing.code(), missing::toString);
    assertEquals("", missing.out());
  }

  @Test
  void interactiveNeverPromptsWithoutATerminal() {
    Cli.Result r = call(cli(), "--interactive");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("--interactive needs a terminal"), r.err());
  }

  @Test
  void aServiceFailureKeepsExitFour() {
    Cli.Result r = cli().run("call", "order-dispatch-crd", "--base", "http://127.0.0.1:9", "--fail-on", "info");
    assertEquals(4, r.code(), r::toString);
  }
}
