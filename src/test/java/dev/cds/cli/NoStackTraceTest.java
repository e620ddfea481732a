package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input anywhere gets a short message and its exit code, never a stack trace. */
class NoStackTraceTest {
  static Stream<Arguments> badInvocations() {
    return Stream.of(
        Arguments.of(2, new String[] {"bogus"}),
        Arguments.of(2, new String[] {}),
        Arguments.of(2, new String[] {"init"}),
        Arguments.of(2, new String[] {"init", "nope"}),
        Arguments.of(2, new String[] {"init", "patient-view", "--set", "novalue"}),
        Arguments.of(2, new String[] {"init", "patient-view", "--set", "context.userId[x]=1"}),
        Arguments.of(2, new String[] {"init", "order-dispatch", "--hook-version", "9"}),
        Arguments.of(3, new String[] {"init", "order-review"}),
        Arguments.of(2, new String[] {"hooks", "show", "nope"}),
        Arguments.of(2, new String[] {"completion", "fish"}),
        Arguments.of(2, new String[] {"init", "patient-view", "--output", "xml"}));
  }

  @ParameterizedTest
  @MethodSource("badInvocations")
  void oneLineAndTheRightCode(int code, String[] args) {
    Cli.Result r = cli().run(args);
    assertEquals(code, r.code(), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertTrue(r.err().startsWith("cds: ") || r.err().contains("\ncds: "), r::toString);
  }

  @ParameterizedTest
  @MethodSource("badInvocations")
  void stacktraceOnlyWhenAsked(int code, String[] args) {
    String[] withFlag = Stream.concat(Stream.of(args), Stream.of("--stacktrace")).toArray(String[]::new);
    assertEquals(code, cli().run(withFlag).code());
  }
}
