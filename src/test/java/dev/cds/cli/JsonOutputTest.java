package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.auth.JwtInspector;
import dev.cds.client.FeedbackServer;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command honours {@code --output json}, even on a terminal: a single document indented, a
 * stream as ndjson. {@code completion} prints shell code whatever is asked.
 */
class JsonOutputTest {
  private static final String RENDER = "src/test/resources/render/";
  private static final String KEY = dev.cds.auth.TestKeys.path("ec-pkcs8.pem"); // mode 0600, as cds wants
  private static final String AUD = "https://cds.example.org/cds-services/crd";
  private static CdsServer services;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    services = TestServices.start();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  /** Each of these prints one JSON document, indented, when asked for JSON on a terminal. */
  @Test
  void singleDocumentsAreIndentedJson() throws Exception {
    String base = services.baseUrl();
    Path request = tmp.resolve("request.json");
    Files.writeString(request, cli().run("init", "patient-view").out());
    String token = cli().run("jwt", "sign", "--key", KEY, "--iss", "https://ehr.example", "--aud", AUD).out().strip();
    List<String[]> commands = new ArrayList<>(List.of(
        new String[] {"hooks"},
        new String[] {"hooks", "show", "order-dispatch"},
        new String[] {"init", "order-sign"},
        new String[] {"discover", base},
        new String[] {"render", RENDER + "full.json"},
        new String[] {"diff", RENDER + "full.json", RENDER + "full.json"},
        new String[] {"validate", request.toString(), "--no-fhir"},
        new String[] {"prefetch", "patient-view-reminders", "--base", base, "--context", request.toString()},
        new String[] {"test", base, "--repeat", "1"},
        new String[] {"keys", "generate", "--out", tmp.resolve("keys").toString()},
        new String[] {"keys", "jwks", KEY},
        new String[] {"jwt", "decode", token},
        new String[] {"jwt", "sign", "--key", KEY, "--iss", "https://ehr.example", "--aud", AUD}));
    for (String[] command : commands) {
      String[] args = new String[command.length + 2];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--output";
      args[command.length + 1] = "json";
      Cli.Result r = cli().terminal().run(args);
      assertEquals(0, r.code(), String.join(" ", command) + "\n" + r);
      JsonNode doc = Json.parse(r.out(), String.join(" ", command));
      assertTrue(doc.isContainerNode(), r::toString);
      assertEquals(Json.pretty(doc) + "\n", r.out(), "indented: " + String.join(" ", command));
    }
  }

  @Test
  void keysGenerateNamesTheFilesTheKidAndTheAlgorithm() {
    Path dir = tmp.resolve("k");
    Cli.Result r = cli().run("keys", "generate", "--out", dir.toString(), "--alg", "rs384", "--kid", "ehr-1");
    assertEquals(0, r.code(), r::toString);
    JsonNode n = Json.parse(r.out(), "stdout");
    assertEquals("ehr-1", n.path("kid").asText());
    assertEquals("RS384", n.path("alg").asText());
    assertEquals(dir.resolve("private-key.pem").toString(), n.path("privateKey").asText());
    assertEquals(dir.resolve("jwks.json").toString(), n.path("jwks").asText());
    assertFalse(r.out().contains("PRIVATE KEY"), "never the key itself");
    Cli.Result pretty = cli().terminal().run("keys", "generate", "--out", tmp.resolve("k2").toString());
    assertEquals("", pretty.out(), "on a terminal the files speak for themselves");
  }

  /** {@code $(cds jwt sign …)} reads the bare token from a pipe; the JSON document only by name. */
  @Test
  void jwtSignPrintsTheBareTokenUnlessJsonIsNamed() {
    Cli.Result bare = cli().run("jwt", "sign", "--key", KEY, "--iss", "https://ehr.example", "--aud", AUD);
    assertEquals(0, bare.code(), bare::toString);
    assertTrue(bare.out().matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\n"), bare::toString);
    Cli.Result json = cli().run("jwt", "sign", "--key", KEY, "--iss", "https://ehr.example", "--aud", AUD,
        "--output", "json", "--ttl", "1m");
    JsonNode n = Json.parse(json.out(), "stdout");
    JwtInspector.Decoded decoded = JwtInspector.decode(n.path("token").asText());
    assertEquals(decoded.header(), n.path("header"));
    assertEquals(decoded.claims(), n.path("claims"));
    assertEquals(AUD, n.at("/claims/aud").asText());
    assertEquals(60, n.at("/claims/exp").asLong() - n.at("/claims/iat").asLong());
  }

  @Test
  void feedbackPrintsServiceStatusAndBody() {
    try (FeedbackServer server = new FeedbackServer().answer(200, "{\"ok\": true}")) {
      Cli.Result r = cli().terminal().run("feedback", "--base", server.base(), "--service", "crd-sign", "--card", "c1",
          "--outcome", "overridden", "--output", "json");
      assertEquals(0, r.code(), r::toString);
      assertEquals(Json.parse("{\"service\": \"crd-sign\", \"status\": 200, \"body\": {\"ok\": true}}", "x"),
          Json.parse(r.out(), "stdout"));
    }
    try (FeedbackServer server = new FeedbackServer().answer(200, "thanks")) {
      Cli.Result r = cli().run("feedback", "--base", server.base(), "--service", "s", "--card", "c1", "--outcome", "overridden");
      assertEquals("thanks", Json.parse(r.out(), "stdout").path("body").asText(), r::toString);
    }
  }

  @Test
  void completionIsShellCodeWhateverIsAsked() {
    Cli.Result r = cli().run("completion", "bash", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("# bash completion for cds"), r::toString);
    assertTrue(cli().run("completion", "--help").out().contains("--output is accepted and ignored"));
  }
}
