package dev.cds.conformance;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.cli.Cli;
import dev.cds.core.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What {@code cds test} prints and writes: the terminal report, JUnit XML, the dry run, the exit codes, no secrets. */
class ReportOutputTest {
  static final String ISS = "https://ehr.example";
  static final String FHIR_TOKEN = "fhir-access-token-that-must-not-show";

  @TempDir static Path dir;
  static Path keyFile;
  static ECPublicKey trusted;

  @BeforeAll
  static void key() {
    SigningKey key = SigningKey.generate("ES384");
    keyFile = dir.resolve("ehr.pem");
    KeyFiles.writePrivate(key, keyFile, true);
    trusted = (ECPublicKey) key.publicKey();
  }

  private static List<String> args(RuleBreaker server, String... more) {
    List<String> args = new ArrayList<>(List.of("test", server.base(), "--key", keyFile.toString(), "--iss", ISS,
        "--repeat", "2"));
    args.addAll(List.of(more));
    return args;
  }

  private static Cli.Result run(Cli cli, List<String> args) {
    return cli.configDir(dir).run(args.toArray(String[]::new));
  }

  @Test
  void junitXmlHasOneTestcasePerCheckAndFailuresCarryTheEvidence() throws Exception {
    Path xml = Files.createDirectories(dir.resolve("reports")).resolve("cds-test.xml");
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.ACCEPTS_ALG_NONE, trusted)) {
      Cli.Result r = run(cli(), args(server, "--junit", xml.toString(), "--output", "json"));
      assertEquals(1, r.code(), r::toString);
      JsonNode report = Json.parse(r.out(), "report");
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
      Element root = doc.getDocumentElement();
      assertEquals("testsuites", root.getTagName());
      NodeList cases = doc.getElementsByTagName("testcase");
      assertEquals(report.path("checks").size(), cases.getLength());
      assertEquals(String.valueOf(report.path("checks").size()), root.getAttribute("tests"));
      assertEquals("1", root.getAttribute("failures"));
      assertEquals("0", root.getAttribute("errors"));
      assertEquals(report.path("summary").path("skip").asText(), root.getAttribute("skipped"));
      NodeList failures = doc.getElementsByTagName("failure");
      assertEquals(1, failures.getLength());
      Element failure = (Element) failures.item(0);
      Element testcase = (Element) failure.getParentNode();
      assertTrue(testcase.getAttribute("name").startsWith("hooks:jwt-signing-algorithm "), testcase.getAttribute("name"));
      assertEquals("cds.security", testcase.getAttribute("classname"));
      assertEquals("SHALL", failure.getAttribute("type"));
      assertTrue(failure.getAttribute("message").contains("accepted"), failure.getAttribute("message"));
      String evidence = failure.getTextContent();
      assertTrue(evidence.contains("> POST " + server.base() + "/cds-services/reminders"), evidence);
      assertTrue(evidence.contains("< HTTP 200"), evidence);
      assertTrue(evidence.contains("alg: none"), evidence);
      assertFalse(Files.readString(xml).contains("eyJ"), "no token, not even an unsigned one");
      NodeList suites = doc.getElementsByTagName("testsuite");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < suites.getLength(); i++) {
        names.add(((Element) suites.item(i)).getAttribute("name"));
      }
      assertEquals(List.of("Discovery", "Security", "Service reminders"), names);
    }
  }

  @Test
  void warningsPassInJunitUnlessStrict() throws Exception {
    Path xml = dir.resolve("warn.xml");
    Path strict = dir.resolve("strict.xml");
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NO_CORS, trusted)) {
      assertEquals(0, run(cli(), args(server, "--junit", xml.toString(), "--output", "json")).code());
      assertEquals(1, run(cli(), args(server, "--junit", strict.toString(), "--strict", "--output", "json")).code());
    }
    Document plain = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    assertEquals("0", plain.getDocumentElement().getAttribute("failures"));
    assertTrue(plain.getElementsByTagName("system-out").item(0).getTextContent().contains("Access-Control"));
    Document hard = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(strict.toFile());
    assertEquals("1", hard.getDocumentElement().getAttribute("failures"));
  }

  @Test
  void prettyReportGroupsChecksOneLineEachWithEvidenceUnderFailures() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.MISSING_PREFETCH_500, trusted)) {
      Cli.Result r = run(cli().terminal().env("COLUMNS", "100").env("NO_COLOR", "1"), args(server));
      assertEquals(1, r.code(), r::toString);
      List<String> lines = r.out().lines().toList();
      assertTrue(lines.stream().allMatch(l -> l.codePointCount(0, l.length()) <= 100), r::toString);
      assertTrue(lines.contains("Discovery") && lines.contains("Security") && lines.contains("Service reminders"),
          r::toString);
      assertTrue(lines.contains("  ✓ SHALL  hooks:discovery  GET /cds-services answers 200 with a JSON object"),
          r::toString);
      int failed = indexOf(lines, "  ✗ SHALL  hooks:prefetch-template.412  ");
      assertTrue(failed > 0, r::toString);
      assertTrue(lines.get(failed + 1).contains("expected 412 (or 200 with valid cards), got HTTP 500"), r::toString);
      assertTrue(lines.subList(failed, failed + 6).stream().anyMatch(l -> l.startsWith("      > POST ")), r::toString);
      assertTrue(lines.subList(failed, failed + 8).stream().anyMatch(l -> l.startsWith("      < HTTP 500")), r::toString);
      assertTrue(lines.contains("  – SHALL  hooks:security-and-safety.tls  the TLS certificate is valid"), r::toString);
      assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 1 failed, \\d+ skipped"), lines.get(lines.size() - 1));
      assertTrue(r.err().contains("checks; at most "), "the request count is printed before the run: " + r.err());
    }
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void sendsNoMoreThanItAnnouncesAndNoSecretReachesAnyOutput() throws Exception {
    Path xml = dir.resolve("secrets.xml");
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, trusted)) {
      Cli.Result json = run(cli(), args(server, "--fhir-server", "http://ehr.example/fhir", "--fhir-token", FHIR_TOKEN,
          "--fhir-data", "examples/fhir/ehr.json", "--junit", xml.toString(), "--output", "json", "-v"));
      assertEquals(0, json.code(), json::toString);
      Matcher announced = Pattern.compile("at most (\\d+) requests").matcher(json.err());
      assertTrue(announced.find(), json.err());
      int sent = server.requests.get();
      assertTrue(sent <= Integer.parseInt(announced.group(1)) + 1, sent + " sent, " + announced.group(0));
      assertEquals(sent, Json.parse(json.out(), "report").path("requests").asInt());
      Cli.Result pretty = run(cli().terminal(), args(server, "--fhir-server", "http://ehr.example/fhir",
          "--fhir-token", FHIR_TOKEN, "--fhir-data", "examples/fhir/ehr.json"));
      for (String text : List.of(json.out(), json.err(), pretty.out(), pretty.err(), Files.readString(xml))) {
        assertFalse(text.contains(FHIR_TOKEN), "the FHIR access token leaked");
        assertFalse(text.contains("eyJ"), "a JWT leaked");
      }
      assertTrue(json.out().contains("\"access_token\\\":\\\"[redacted]\\\""), "the request excerpt shows it was sent");
    }
  }

  @Test
  void dryRunListsChecksAndRequestsAndSendsOnlyDiscovery() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, trusted)) {
      Cli.Result r = run(cli().terminal(), args(server, "--dry-run"));
      assertEquals(0, r.code(), r::toString);
      assertEquals(1, server.requests.get(), "only the discovery GET");
      assertTrue(r.out().contains("hooks:trusting-cds-clients.jti"), r::toString);
      assertTrue(r.out().contains("      POST /cds-services/reminders  a body cut off"), r::toString);
      assertTrue(r.out().contains("      OPTIONS /cds-services/reminders  CORS preflight"), r::toString);
      assertTrue(r.out().startsWith("cds test " + server.base() + " · dry run"), r::toString);
      Cli.Result json = run(cli(), args(server, "--dry-run", "--output", "json"));
      JsonNode plan = Json.parse(json.out(), "plan");
      int listed = 0;
      for (JsonNode p : plan.path("probes")) {
        listed += p.path("requests").size();
      }
      assertEquals(plan.path("requests").asInt(), listed);
      assertEquals(2, server.requests.get());
    }
  }

  @Test
  void aJunitFileThatCannotBeWrittenStopsTheRunBeforeItStarts() throws Exception {
    try (RuleBreaker server = new RuleBreaker(RuleBreaker.Fault.NONE, trusted)) {
      Cli.Result r = run(cli(), args(server, "--junit", dir.resolve("no/such/folder.xml").toString()));
      assertEquals(3, r.code(), r::toString);
      assertTrue(r.err().contains("there is no folder"), r::toString);
      assertEquals(0, server.requests.get());
    }
  }

  @Test
  void aServerThatCannotBeReachedIsExit4AndNoReport() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path xml = dir.resolve("never.xml");
    Cli.Result r = cli().configDir(dir).run("test", "http://127.0.0.1:" + port, "--junit", xml.toString());
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().startsWith("cds: ") && r.err().contains("refused"), r::toString);
    assertEquals("", r.out());
    assertFalse(Files.exists(xml));
  }
}
