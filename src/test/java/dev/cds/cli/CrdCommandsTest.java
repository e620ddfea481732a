package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.crd.CrdConfiguration;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Da Vinci CRD through the commands: discover, validate, render, and the CRD options of a call. */
class CrdCommandsTest {
  static CdsServer server;

  @BeforeAll
  static void start() {
    server = new CdsServer(ServiceDefinitions.load(Path.of("examples/services/crd")), null, Clock.systemUTC())
        .start("127.0.0.1", 0, 2);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void discoverShowsVersionsAndOptionsWithinTheWidth() {
    Cli.Result r = cli().terminal().run("discover", server.baseUrl(), "--width", "60", "--no-color");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("\norder-sign-crd (order-sign): CRD 2.1, 2.2\n"), r.out());
    assertTrue(r.out().contains("  max-cards (integer, default 10) Maximum cards\n"), r.out());
    String crd = r.out().substring(r.out().indexOf("\nappointment-book-crd (appointment-book)"));
    for (String line : crd.split("\n")) {
      assertTrue(line.length() <= 60, "within the width: " + line);
    }
    Cli.Result wide = cli().terminal().run("discover", server.baseUrl(), "--width", "100", "--no-color");
    assertTrue(wide.out().contains("  max-cards                 integer  10       Maximum cards\n"), wide.out());
    Cli.Result json = cli().run("discover", server.baseUrl());
    JsonNode doc = Json.parse(json.out(), "out");
    JsonNode options = doc.at("/services/2/extension/davinci-crd.configuration-options");
    assertEquals(7, options.size(), "JSON keeps the extension as received");
    assertEquals(10, options.get(6).path("default").asInt());
  }

  @Test
  void validateRunsCrdChecksWhereTheDocumentShowsCrdOrWhenAsked(@TempDir Path dir) throws Exception {
    assertEquals(0, cli().run("validate", "examples/requests/crd-order-sign.json", "--no-fhir").code());
    ObjectNode request = (ObjectNode) Json.parse(Files.readString(Path.of("examples/requests/crd-order-sign.json")), "r");
    request.remove("fhirAuthorization");
    Path file = dir.resolve("no-token.json");
    Files.writeString(file, Json.pretty(request));
    Cli.Result r = cli().run("validate", file.toString(), "--no-fhir", "--output", "json");
    assertEquals(ExitCode.FINDINGS, r.code(), r::toString);
    assertTrue(r.out().contains("\"crd:found-20\""), r.out());

    Path response = dir.resolve("response.json");
    Files.writeString(response, "{\"cards\": [{\"summary\": \"Copay $20\", \"indicator\": \"info\","
        + " \"source\": {\"label\": \"Example Health Plan\"}}]}");
    Cli.Result plain = cli().run("validate", response.toString(), "--no-fhir", "--output", "json");
    assertEquals(0, plain.code(), plain::toString);
    Cli.Result asked = cli().run("validate", response.toString(), "--no-fhir", "--crd", "--hook", "order-sign", "--output", "json");
    assertEquals(ExitCode.FINDINGS, asked.code(), asked::toString);
    for (String rule : new String[] {"crd:resp-13", "crd:resp-5", "crd:resp-24", "crd:hook-16"}) {
      assertTrue(asked.out().contains("\"" + rule + "\""), rule + " in " + asked.out());
    }
  }

  @Test
  void renderJsonAddsTheResponseTypeToCrdResponsesOnly(@TempDir Path dir) throws Exception {
    Cli.Result crd = cli().run("render", "examples/services/crd/responses/order-sign.json", "--output", "json");
    assertEquals(0, crd.code(), crd::toString);
    JsonNode cards = Json.parse(crd.out(), "out").path("cards");
    assertEquals("propose-alternate-request", cards.get(0).path("crdResponseType").asText());
    assertEquals("launch-smart", cards.get(4).path("crdResponseType").asText());
    Path plain = dir.resolve("plain.json");
    Files.writeString(plain, "{\"cards\": [{\"summary\": \"x\", \"indicator\": \"info\", \"source\": {\"label\": \"y\"}}]}");
    Cli.Result r = cli().run("render", plain.toString(), "--output", "json");
    assertFalse(r.out().contains("crdResponseType"), r.out());
    Cli.Result pretty = cli().run("render", "examples/services/crd/responses/order-dispatch-out-of-network.json",
        "--output", "pretty", "--width", "80");
    assertTrue(pretty.out().contains("  CRD: External Reference\n"), pretty.out());
    assertTrue(pretty.out().contains("  CRD: Request Form Completion\n"), pretty.out());
  }

  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @Mixin CrdOptions crd;

    @Override
    public Integer call() {
      return 0;
    }
  }

  private static Probe probe(Path configDir, String... args) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC(), false, false, configDir);
    Probe p = new Probe();
    CommandLine cl = new CommandLine(p);
    cl.setDefaultValueProvider(new ProfileDefaults(ctx, null));
    cl.parseArgs(args);
    return p;
  }

  private static JsonNode service() {
    JsonNode d = Json.read("examples/services/crd/order-dispatch-crd.json", null);
    ObjectNode entry = Json.object();
    entry.put("id", d.path("id").asText());
    entry.set("extension", d.get("extension"));
    return entry;
  }

  @Test
  void crdOptionsRefuseWhatTheServiceDoesNotOfferUnlessTheyComeFromAProfile(@TempDir Path dir) throws Exception {
    Probe typed = probe(dir, "--crd-config", "claim=false,cost=false");
    CdsException e = assertThrows(CdsException.class, () -> typed.crd.configure(service(), false));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().endsWith("(--no-validate sends it anyway)"), e.getMessage());
    CrdConfiguration.Result sent = typed.crd.configure(service(), true);
    assertEquals(Json.parse("{\"claim\": false, \"cost\": false}", "x"), sent.extension().get("davinci-crd.configuration"));

    Files.writeString(dir.resolve("config"), "[default]\ncrd-config = claim=false,cost=false\ncrd-version = 2.2\n");
    Probe fromProfile = probe(dir);
    CrdConfiguration.Result r = fromProfile.crd.configure(service(), false);
    assertEquals(Json.parse("{\"davinci-crd.configuration\": {\"claim\": false}, \"davinci-crd.requestedVersion\": \"2.2\"}",
        "x"), r.extension(), "a profile default the service does not offer is left out");
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("left out cost=false")), r.notes()::toString);
    assertTrue(fromProfile.crd.active(service()));
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC(), false, false, dir);
    JsonNode ext = fromProfile.crd.extensions(ctx, true, false).forService(new dev.cds.model.Service(service()));
    assertEquals(r.extension(), ext, "what the call engine merges into each service's request");
    assertTrue(err.toString().contains("cds: order-dispatch-crd: CRD version 2.2 as asked"), err.toString());
    assertFalse(probe(dir).crd.active(Json.parse("{\"id\": \"pv\"}", "s")));
    assertTrue(probe(dir, "--crd").crd.active(Json.parse("{\"id\": \"pv\"}", "s")));
  }
}
