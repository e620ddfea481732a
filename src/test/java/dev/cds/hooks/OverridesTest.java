package dev.cds.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --set} with whatever a user (or a script gone wrong) types: a usage error, never a crash. */
class OverridesTest {
  private static final HookDefinition ORDER_SIGN = HookCatalog.bundled().definition("order-sign", null);

  private static ObjectNode request() {
    return (ObjectNode) Json.parse("""
        {"hook": "order-sign", "hookInstance": "x", "context": {"userId": "Practitioner/1", "patientId": "p",
         "draftOrders": {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "ServiceRequest"}}]}}}""", "r");
  }

  private static void apply(String... specs) {
    Overrides.parse(List.of(specs)).apply(request(), ORDER_SIGN);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "context=", "context=abc", "prefetch= ", "fhirAuthorization=token",
      "context.a[-1]=1", "context.a[ 1]=1", "context.a[+1]=1", "context.a[1x]=1", "context.a[]=1",
      "context.draftOrders.entry[99999999999]=1", "context.99999999999=1", "context.draftOrders.entry[5]=1",
      "context..a=1", ".a=1", "=1", "context", "context.patientId.x=1", "context.draftOrders[0]=1"})
  void mistakesAreOneLineUsageErrors(String spec) {
    CdsException e = assertThrows(CdsException.class, () -> apply(spec));
    assertEquals(ExitCode.USAGE, e.exitCode(), e::getMessage);
    assertFalse(e.getMessage().contains("\n"), e::getMessage);
    assertFalse(e.getMessage().contains("Exception"), e::getMessage);
  }

  @Test
  void aPathOfThousandsOfSegmentsIsRefusedBeforeItIsBuilt() {
    String deep = String.join(".", java.util.Collections.nCopies(3000, "a")) + "=1";
    CdsException e = assertThrows(CdsException.class, () -> apply(deep));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals("<SET>: a path of 3000 segments is too deep (at most 64)", e.message(setting -> "<" + setting + ">"));
    apply(String.join(".", java.util.Collections.nCopies(Overrides.MAX_SEGMENTS, "a")) + "=1");
  }

  @Test
  void deliberateJsonStillGoesIn() {
    ObjectNode r = request();
    Overrides.parse(List.of("context=[]", "prefetch=\"x\"", "context2.a[0]=1")).apply(r, ORDER_SIGN);
    assertEquals("[]", Json.compact(r.get("context")));
    assertEquals("x", r.get("prefetch").asText());
    assertEquals("{\"a\":[1]}", Json.compact(r.get("context2")));
  }

  /** Random paths built from the pieces that matter, 3,000 of them: only usage errors may come out. */
  @Test
  void fuzzedSpecsNeverThrowAnythingElse() {
    String[] pieces = {"context", "a", "0", "[0]", "[1]", "[-1]", "[", "]", ".", "..", "=", "[x]", "draftOrders",
        "entry", "resource", "99999999999", "[99999999999]", "", " ", "\u0000", "{", "prefetch", "fhirAuthorization"};
    Random random = new Random(13);
    for (int i = 0; i < 3000; i++) {
      StringBuilder spec = new StringBuilder();
      for (int k = random.nextInt(8); k >= 0; k--) {
        spec.append(pieces[random.nextInt(pieces.length)]);
        if (random.nextBoolean()) {
          spec.append('.');
        }
      }
      spec.append('=').append(pieces[random.nextInt(pieces.length)]);
      try {
        apply(spec.toString());
      } catch (CdsException e) {
        assertEquals(ExitCode.USAGE, e.exitCode(), spec::toString);
      }
    }
  }
}
