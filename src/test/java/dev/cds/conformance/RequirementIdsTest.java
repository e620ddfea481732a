package dev.cds.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.Discovery;
import dev.cds.client.Endpoints;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.crd.CrdCodes;
import dev.cds.hooks.HookCatalog;
import dev.cds.model.Service;
import dev.cds.validate.Validator;
import dev.cds.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every {@code crd:} id a check carries or covers is a Da Vinci CRD server requirement (the keys
 * are copied into {@code src/test/resources/conformance/crd-server-requirements.txt} with their
 * source), and every check id is unique per subject and title.
 */
class RequirementIdsTest {
  /** The CRD server requirements the checks judge: each a check's id or one it covers. */
  static final Set<String> COVERED = new TreeSet<>(List.of("crd:billopt-2", "crd:found-32", "crd:dev-1", "crd:dev-2", "crd:dev-4", "crd:dev-5",
      "crd:dev-7", "crd:dev-8", "crd:dev-14", "crd:dev-15", "crd:dev-17", "crd:found-2", "crd:found-33", "crd:hook-9",
      "crd:hook-10", "crd:hook-13", "crd:hook-14", "crd:hook-16", "crd:hook-23", "crd:hook-26", "crd:hook-33",
      "crd:resp-3", "crd:resp-5", "crd:resp-13", "crd:resp-14", "crd:resp-19", "crd:resp-24", "crd:resp-25",
      "crd:resp-26", "crd:resp-28", "crd:resp-29", "crd:resp-32", "crd:resp-48", "crd:resp-52", "crd:resp-53",
      "crd:resp-70"));

  static Map<String, String> serverRequirements() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/conformance/crd-server-requirements.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split(" ");
        out.put("crd:" + parts[0], parts[1]);
      }
    }
    return out;
  }

  /** The checks of the suites, as built for a CRD payer (the CRD probe lists its checks without sending). */
  static List<Check> allChecks() {
    List<Check> checks = new ArrayList<>();
    URI uri = URI.create("http://127.0.0.1:9/cds-services");
    checks.addAll(new CorsProbe(uri, "GET", TlsSettings.defaults(), false, Duration.ofSeconds(1)).checks());
    checks.addAll(new TlsProbe(uri, TlsSettings.defaults(), TlsSettings.defaults(), false, Duration.ofSeconds(1)).checks());
    checks.addAll(new SecurityProbe(null, "", uri, null).checks());
    checks.addAll(new UnknownServiceProbe(uri, null).checks());
    return checks;
  }

  /** The checks of a CRD service offering every card-type option and two versions, built without a request sent. */
  static List<Check> crdChecks(String hook) {
    ObjectNode node = Json.object();
    node.put("id", "payer").put("hook", hook).put("description", "d");
    node.putObject("prefetch").put("coverage", "Coverage?patient={{context.patientId}}");
    ObjectNode extension = node.putObject("extension");
    extension.putArray("davinci-crd.version").add("2.1").add("2.2");
    ArrayNode options = extension.putArray("davinci-crd.configuration-options");
    CrdCodes.CARD_TYPES.keySet().forEach(code -> options.addObject().put("code", code).put("type", "boolean"));
    options.addObject().put("code", "max-cards").put("type", "integer");
    Endpoints endpoints = Endpoints.of("http://127.0.0.1:9");
    TestSettings settings = new TestSettings(TestSettings.Suite.CRD, null, null, null, 1, null, false, false);
    Target target = new Target(endpoints, Discovery.of(Json.object().set("services", Json.array().add(node))), settings,
        new Validator(HookCatalog.bundled()));
    TestedService service = new TestedService(new Service(node), null, "not prepared", true);
    List<Check> checks = new ArrayList<>(new CrdProbe(target, service).checks());
    checks.addAll(new BadRequestProbe(target, service).checks());
    checks.addAll(new TimingProbe(target, service).checks());
    return checks;
  }

  @Test
  void crdIdsAreServerRequirementsOfTheGuide() throws Exception {
    Map<String, String> requirements = serverRequirements();
    assertEquals(141, requirements.size());
    assertEquals(68, requirements.values().stream().filter(v -> v.contains("SHALL") && !v.contains("SHALL-NOT")).count());
    Set<String> used = new TreeSet<>();
    for (String hook : List.of("order-sign", "order-dispatch", "appointment-book")) {
      for (Check c : crdChecks(hook)) {
        assertEquals(Area.CRD, c.area(), c::toString);
        used.add(c.id());
        used.addAll(c.covers());
      }
    }
    for (String id : used) {
      assertTrue(requirements.containsKey(id), id + " is not a CRD server requirement");
    }
    assertEquals(COVERED, used);
  }

  @Test
  void cdsHooksIdsNameTheSpecAndLevelsAreTheSpecsVerbs() {
    for (Check c : allChecks()) {
      assertTrue(c.id().startsWith("hooks:"), c::toString);
      assertTrue(c.source().startsWith("CDS Hooks") || c.source().startsWith("RFC"), c::toString);
    }
    assertEquals(SpecVersion.V2_0, new TestSettings(null, null, null, null, 1, null, false, false).spec());
  }
}
