package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Overrides;
import dev.cds.hooks.RequestSkeleton;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code cds init} prints for every hook × hook version × FHIR version validates with no errors. */
class SkeletonsTest {
  private static final HookCatalog CATALOG = HookCatalog.bundled();
  private static final Validator VALIDATOR = new Validator(CATALOG);

  static Stream<Arguments> skeletons() {
    List<Arguments> out = new ArrayList<>();
    for (HookCatalog.Entry e : CATALOG.entries()) {
      for (String version : e.versions()) {
        HookDefinition def = CATALOG.definition(e.hook(), version);
        for (String fhir : def.templates().keySet()) {
          for (boolean full : new boolean[] {false, true}) {
            out.add(Arguments.of(e.hook(), version, fhir, full));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} full={3}")
  @MethodSource("skeletons")
  void initSkeletonHasNoFindings(String hook, String version, String fhir, boolean full) {
    HookDefinition def = CATALOG.definition(hook, version);
    ObjectNode request = new RequestSkeleton(CATALOG).build(def,
        new RequestSkeleton.Options(fhir, full, full ? "https://ehr.example.org/fhir" : null), Overrides.parse(List.of()));
    List<String> expected = def.deprecated() ? List.of("request.hook.deprecated") : List.of();
    // the version cds call knows, and the ones cds validate works out alone
    assertEquals(expected, rules(VALIDATOR.validate(request, DocumentKind.REQUEST, new Validator.Options(true, fhir, version))));
    assertEquals(expected, rules(VALIDATOR.validate(request, DocumentKind.REQUEST, Validator.Options.of(true))));
    assertEquals(expected, rules(VALIDATOR.validateRequest(request, false)));
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(f -> f.rule() + (f.isError() ? " " + f : "")).toList();
  }
}
