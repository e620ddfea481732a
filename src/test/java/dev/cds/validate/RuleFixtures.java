package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The harness of the rule fixture tests. A fixture is a valid base document, edits, and the rule
 * the edited document must be found to break (a failing fixture) or to keep (a passing one). Each
 * test class states its fixtures and how it builds, edits and validates its documents; the
 * assertions live here, once.
 */
final class RuleFixtures {
  private RuleFixtures() {}

  /** One fixture; its test class's record says where its findings come from. */
  interface Fixture {
    String rule();

    /** The severity label ("error", "warning", "note") of the finding a failing fixture expects. */
    String severity();

    /** The JSON pointer of the finding a failing fixture expects. */
    String path();

    List<String> edits();

    /** The valid document the edits apply to. */
    JsonNode document();

    /** The findings of a document under this fixture's options. */
    List<Finding> findings(JsonNode doc);

    /** The document with the edits made, in {@link FixtureEdits#byPath}'s language unless said otherwise. */
    default JsonNode edited() {
      return FixtureEdits.byPath(document(), edits());
    }

    default List<Finding> findingsOfBase() {
      return findings(document());
    }

    default List<Finding> findingsOfEdit() {
      return findings(edited());
    }

    /** Whether a valid document may still carry this finding (a note, say). */
    default boolean tolerated(Finding f) {
      return false;
    }

    /** Whether the finding is one of this fixture's rule. */
    default boolean names(Finding f) {
      return f.rule().equals(rule());
    }
  }

  /** Each fixture as a test: the base is valid, and the edit yields the rule's finding at its path and severity. */
  static Stream<DynamicTest> breakTheirRule(Stream<? extends Fixture> fixtures) {
    return fixtures.map(fx -> dynamicTest(fx.toString(), () -> assertBreaksItsRule(fx)));
  }

  /** Each fixture as a test: the edited document has no finding of the fixture's rule. */
  static Stream<DynamicTest> keepTheirRule(Stream<? extends Fixture> fixtures) {
    return fixtures.map(fx -> dynamicTest(fx.toString(), () -> {
      List<Finding> after = fx.findingsOfEdit();
      assertTrue(after.stream().noneMatch(fx::names), () -> fx.rule() + " must hold, got:\n" + listing(after));
    }));
  }

  /** Each fixture as a test: the edited document is as valid as its base. */
  static Stream<DynamicTest> stayValid(Stream<? extends Fixture> fixtures) {
    return fixtures.map(fx -> dynamicTest(fx.toString(), () ->
        assertEquals(List.of(), problems(fx, fx.findingsOfEdit()), "the edited document must stay valid")));
  }

  private static void assertBreaksItsRule(Fixture fx) {
    assertEquals(List.of(), problems(fx, fx.findingsOfBase()), "the base document must be valid");
    List<Finding> after = fx.findingsOfEdit();
    assertTrue(after.stream().anyMatch(f -> fx.names(f) && f.path().equals(fx.path())
            && f.severity().label().equals(fx.severity())),
        () -> "expected " + fx.severity() + " " + fx.rule() + " at " + fx.path() + ", got:\n" + listing(after));
    for (Finding f : after) {
      assertTrue(!f.message().isBlank() && (f.path().isEmpty() || f.path().startsWith("/")),
          () -> "a finding needs a message and a JSON pointer: " + f);
    }
  }

  /** "severity rule path" of a finding, the form expectations are written in. */
  static String brief(Finding f) {
    return f.severity().label() + " " + f.rule() + " " + f.path();
  }

  /** The findings, one a line, for an assertion's message. */
  static String listing(List<Finding> findings) {
    return String.join("\n", findings.stream().map(Finding::toString).toList());
  }

  private static List<String> problems(Fixture fx, List<Finding> findings) {
    return findings.stream().filter(f -> !fx.tolerated(f)).map(Finding::toString).toList();
  }
}
