package dev.cds.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.crd.CrdConfiguration.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdConfigurationTest {
  /** The order-sign service of the guide's discovery example (src/test/resources/crd/CRDServices.json). */
  static JsonNode specService(String id) throws IOException {
    JsonNode doc = Json.parse(Files.readString(Path.of("src/test/resources/crd/CRDServices.json")), "CRDServices.json");
    for (JsonNode s : doc.path("services")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no service " + id);
  }

  @Test
  void pairsAreTypedByTheOptionsTheServiceOffers() throws IOException {
    CrdConfiguration.Result r = CrdConfiguration.build(specService("order-sign-crd"),
        List.of("cost=false", "max-cards=5", "claim=true"), null, Policy.REFUSE);
    assertEquals(Json.parse("{\"davinci-crd.configuration\": {\"cost\": false, \"max-cards\": 5, \"claim\": true},"
        + " \"davinci-crd.requestedVersion\": \"2.2\"}", "x"), r.extension());
    assertTrue(r.extension().at("/davinci-crd.configuration/max-cards").isIntegralNumber());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("CRD version 2.2: the highest cds supports")), r.notes()::toString);
  }

  @Test
  void anUnknownCodeIsAUsageFailureListingTheOffer() throws IOException {
    CdsException e = assertThrows(CdsException.class, () -> CrdConfiguration.build(specService("order-dispatch-crd"),
        List.of("cots=false"), null, Policy.REFUSE));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("offers no CRD configuration option 'cots'"), e.getMessage());
    assertTrue(e.getMessage().contains("coverage-info (boolean, default true), max-cards (integer, default 10)"), e.getMessage());
  }

  @Test
  void aWrongTypeIsAUsageFailure() throws IOException {
    JsonNode service = specService("order-sign-crd");
    CdsException bool = assertThrows(CdsException.class,
        () -> CrdConfiguration.build(service, List.of("cost=no"), null, Policy.REFUSE));
    assertTrue(bool.getMessage().contains("is a boolean: give cost=true or cost=false, not 'no'"), bool.getMessage());
    CdsException integer = assertThrows(CdsException.class,
        () -> CrdConfiguration.build(service, List.of("max-cards=many"), null, Policy.REFUSE));
    assertTrue(integer.getMessage().contains("is an integer"), integer.getMessage());
    assertEquals(ExitCode.USAGE, integer.exitCode());
  }

  @Test
  void sendAnywayTypesByLookAndSkipLeavesOut() throws IOException {
    JsonNode service = specService("order-dispatch-crd");
    CrdConfiguration.Result sent = CrdConfiguration.build(service, List.of("cost=false", "max-cards=lots"), null, Policy.SEND);
    assertEquals(Json.parse("{\"cost\": false, \"max-cards\": \"lots\"}", "x"), sent.extension().get("davinci-crd.configuration"));
    assertTrue(sent.notes().stream().anyMatch(n -> n.startsWith("sent anyway: service order-dispatch-crd offers no")), sent.notes()::toString);
    CrdConfiguration.Result skipped = CrdConfiguration.build(service, List.of("cost=false", "max-cards=3"), null, Policy.SKIP);
    assertEquals(Json.parse("{\"max-cards\": 3}", "x"), skipped.extension().get("davinci-crd.configuration"));
    assertTrue(skipped.notes().stream().anyMatch(n -> n.startsWith("left out cost=false")), skipped.notes()::toString);
  }

  @Test
  void malformedPairsAreAlwaysRefused() throws IOException {
    JsonNode service = specService("order-sign-crd");
    for (Policy p : Policy.values()) {
      CdsException e = assertThrows(CdsException.class, () -> CrdConfiguration.build(service, List.of("cost"), null, p));
      assertTrue(e.getMessage().contains("is not CODE=VALUE"), e.getMessage());
    }
  }

  @Test
  void versionNegotiation() {
    assertEquals("2.2", CrdConfiguration.negotiate(List.of("2.1", "2.2"), null, Policy.REFUSE).version());
    assertEquals("2.1", CrdConfiguration.negotiate(List.of("1.0", "2.1", "9.0"), null, Policy.REFUSE).version());
    assertEquals("2.10", CrdConfiguration.negotiate(List.of("2.9", "2.10"), null, Policy.REFUSE).version(),
        "no version cds knows: the highest listed, compared as numbers");
    assertTrue(CrdConfiguration.negotiate(List.of("2.9", "2.10"), null, Policy.REFUSE).reason().contains("none of which cds knows"));
    CrdConfiguration.Negotiation none = CrdConfiguration.negotiate(List.of(), null, Policy.REFUSE);
    assertNull(none.version());
    assertNull(none.reason());
    CrdConfiguration.Negotiation asked = CrdConfiguration.negotiate(List.of("2.2"), "2.1", Policy.REFUSE);
    assertEquals("2.1", asked.version());
    assertTrue(asked.reason().contains("it should answer with an error"), asked.reason());
    assertThrows(CdsException.class, () -> CrdConfiguration.negotiate(List.of("2.2"), "2.2.1", Policy.REFUSE));
    assertEquals("2.2.1", CrdConfiguration.negotiate(List.of("2.2"), "2.2.1", Policy.SEND).version());
  }

  @Test
  void aServiceWithoutCrdGetsNothing() {
    CrdConfiguration.Result r = CrdConfiguration.build(Json.parse("{\"id\": \"pv\", \"hook\": \"patient-view\"}", "s"),
        List.of(), null, Policy.REFUSE);
    assertTrue(r.extension().isEmpty());
    ObjectNode request = (ObjectNode) Json.parse("{\"hook\": \"patient-view\"}", "r");
    r.applyTo(request);
    assertFalse(request.has("extension"), "no empty extension object is added");
    CdsException e = assertThrows(CdsException.class, () -> CrdConfiguration.build(
        Json.parse("{\"id\": \"pv\"}", "s"), List.of("cost=false"), null, Policy.REFUSE));
    assertTrue(e.getMessage().contains("it offers: none"), e.getMessage());
  }

  @Test
  void applyToMergesWithWhatTheRequestAlreadyHas() throws IOException {
    ObjectNode request = (ObjectNode) Json.parse("""
        {"hook": "order-sign", "extension": {"example.org.trace": "on", "davinci-crd.requestedVersion": "2.1",
          "davinci-crd.configuration": {"cost": true, "claim": false}}}
        """, "r");
    CrdConfiguration.build(specService("order-sign-crd"), List.of("cost=false"), null, Policy.REFUSE).applyTo(request);
    assertEquals(Json.parse("""
        {"example.org.trace": "on", "davinci-crd.requestedVersion": "2.1",
         "davinci-crd.configuration": {"cost": false, "claim": false}}
        """, "x"), request.get("extension"), "pairs win; a negotiated version does not replace the request's");
    CrdConfiguration.build(specService("order-sign-crd"), List.of(), "2.2", Policy.REFUSE).applyTo(request);
    assertEquals("2.2", request.at("/extension/davinci-crd.requestedVersion").asText(), "an asked-for version does");
  }
}
