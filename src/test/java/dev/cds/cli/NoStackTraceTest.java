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
        Arguments.of(2, new String[] {"init", "patient-view", "--output", "xml"}),
        Arguments.of(2, new String[] {"call", "patient-view"}),
        Arguments.of(2, new String[] {"call", "patient-view", "--base", "not a url"}),
        Arguments.of(2, new String[] {"call", "patient-view", "--base", "http://127.0.0.1:1", "--timeout", "soon"}),
        Arguments.of(4, new String[] {"call", "patient-view", "--base", "http://127.0.0.1:1"}),
        Arguments.of(3, new String[] {"call", "patient-view", "--base", "http://127.0.0.1:1", "--context", "/no/such/file.json"}),
        Arguments.of(2, new String[] {"call", "patient-view", "--base", "http://127.0.0.1:1", "--fail-on", "loud"}),
        Arguments.of(4, new String[] {"discover", "http://127.0.0.1:1"}),
        Arguments.of(3, new String[] {"render", "/no/such/response.json"}),
        Arguments.of(2, new String[] {"diff", "only-one.json"}),
        Arguments.of(3, new String[] {"validate", "/no/such/request.json"}),
        Arguments.of(2, new String[] {"feedback", "--base", "http://127.0.0.1:1", "--service", "s", "--card", "c",
            "--outcome", "accepted"}),
        Arguments.of(3, new String[] {"keys", "jwks", "pom.xml"}),
        Arguments.of(2, new String[] {"keys", "generate", "--alg", "HS256", "--out", "target/never"}),
        Arguments.of(3, new String[] {"jwt", "decode", "not-a-jwt"}),
        Arguments.of(2, new String[] {"serve", "--port", "-5"}),
        Arguments.of(3, new String[] {"serve", "/no/such/dir"}),
        Arguments.of(2, new String[] {"prefetch", "svc", "--base", "http://127.0.0.1:1", "--prefetch-tokens", "9.9"}));
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
    Cli.Result r = cli().run(withFlag);
    assertEquals(code, r.code(), r::toString);
    assertTrue(r.err().contains("\tat dev.cds.") || r.err().contains("\tat picocli."), r::toString);
    assertTrue(r.err().startsWith("cds: "), r::toString);
  }

  /** The flag is global: before the command, it asks for the trace just the same. */
  @ParameterizedTest
  @MethodSource("badInvocations")
  void stacktraceFlagBeforeTheCommand(int code, String[] args) {
    String[] withFlag = Stream.concat(Stream.of("--stacktrace"), Stream.of(args)).toArray(String[]::new);
    Cli.Result r = cli().run(withFlag);
    assertEquals(code, r.code(), r::toString);
    assertTrue(r.err().contains("\tat "), r::toString);
  }
}
