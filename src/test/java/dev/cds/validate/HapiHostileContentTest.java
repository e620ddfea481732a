package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FHIR resources built to break or stall the HAPI checks. */
class HapiHostileContentTest {
  private static final Validator VALIDATOR = new Validator(HookCatalog.bundled());
  /** Generous for a loaded 2-core machine; the quadratic search took more than 20 s. */
  private static final Duration FEW_SECONDS = Duration.ofSeconds(8);

  private static ObjectNode request(ObjectNode patient) {
    ObjectNode request = (ObjectNode) Json.parse("""
        {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
         "context": {"userId": "Practitioner/1", "patientId": "p1"}, "prefetch": {}}""", "request");
    ((ObjectNode) request.get("prefetch")).set("patient", patient);
    return request;
  }

  private static ObjectNode patient() {
    return Json.object().put("resourceType", "Patient").put("id", "p1");
  }

  @BeforeAll
  static void warmHapi() {
    VALIDATOR.validateRequest(request(patient()), true);
  }

  @Test
  void anEmptyMemberNameIsAFindingNotACrash() {
    ObjectNode p = patient();
    p.put("", 1);
    p.putArray("name").addObject().put("", "x").put("family", "Doe");
    List<Finding> found = VALIDATOR.validateRequest(request(p), true);
    assertEquals(List.of("/prefetch/patient/", "/prefetch/patient/name/0/"),
        found.stream().filter(f -> f.rule().equals("fhir.element.name")).map(Finding::path).toList(), found::toString);
    assertTrue(found.stream().noneMatch(f -> f.rule().equals("fhir.parse")), found::toString);
  }

  @Test
  void oddNamesNeverCrash() {
    for (String name : new String[] {"_", "__", "_ ", " ", "resourceType ", "\u0000", "extension", "_id", "contained"}) {
      ObjectNode p = patient();
      p.put(name, "x");
      p.putObject("_" + name).put("", 1);
      VALIDATOR.validateRequest(request(p), true);
    }
  }

  @Test
  void tenThousandUnknownElementsValidateInAFewSeconds() {
    ObjectNode p = patient();
    for (int i = 0; i < 10_000; i++) {
      p.put("x" + i, i);
    }
    List<Finding> found = assertTimeoutPreemptively(FEW_SECONDS, () -> VALIDATOR.validateRequest(request(p), true));
    assertEquals(10_000, found.stream().filter(f -> f.rule().equals("fhir.element.unknown")).count());
    assertEquals("/prefetch/patient/x9999", found.get(found.size() - 1).path());
  }

  @Test
  void tenThousandUnknownElementsOfOneNameEachGetTheirOwnPath() {
    ObjectNode p = patient();
    ArrayNode contacts = p.putArray("contact");
    for (int i = 0; i < 10_000; i++) {
      contacts.addObject().put("foo", i);
    }
    List<Finding> found = assertTimeoutPreemptively(FEW_SECONDS, () -> VALIDATOR.validateRequest(request(p), true));
    List<String> paths = found.stream().filter(f -> f.rule().equals("fhir.element.unknown")).map(Finding::path).toList();
    assertEquals(10_000, paths.size());
    assertEquals("/prefetch/patient/contact/0/foo", paths.get(0));
    assertEquals("/prefetch/patient/contact/9999/foo", paths.get(9_999));
  }
}
