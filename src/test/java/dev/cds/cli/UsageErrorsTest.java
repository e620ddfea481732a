package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.prefetch.TokenRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** picocli's parse errors become one line that says what to do, exit 2. */
class UsageErrorsTest {
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("hoks", "cds: unknown command 'hoks': did you mean hooks? (cds --help lists them)"),
        Arguments.of("hooks shwo", "cds: unknown command 'shwo' for cds hooks: did you mean show? (cds hooks --help lists them)"),
        Arguments.of("init patient-view --fhir-versoin R4",
            "cds: unknown option '--fhir-versoin': did you mean --fhir-version? (cds init --help lists the options)"),
        Arguments.of("-x hooks", "cds: unknown option '-x' (cds --help lists the options)"),
        Arguments.of("init patient view",
            "cds: unexpected argument 'view': the form is cds init [OPTIONS] HOOK (quote a value that has spaces; cds init --help)"),
        Arguments.of("init", "cds: missing HOOK: the form is cds init [OPTIONS] HOOK (cds init --help)"),
        Arguments.of("feedback --base http://127.0.0.1:1 --service s",
            "cds: missing --card UUID and --outcome accepted|overridden (cds feedback --help)"),
        Arguments.of("hooks --output", "cds: --output needs a value: --output pretty|json (cds hooks --help)"),
        Arguments.of("init patient-view --fhir-version R5", "cds: --fhir-version R5 is not one of R4, STU3, DSTU2"),
        Arguments.of("validate x.json --fhir-version R5", "cds: --fhir-version R5 is not one of R4, STU3, DSTU2"),
        Arguments.of("validate x.json --as card", "cds: --as card is not one of request, response, discovery, feedback"),
        Arguments.of("keys generate --out x --alg HS256", "cds: --alg HS256 is not one of ES384, RS384"),
        Arguments.of("completion fish", "cds: fish is not one of bash, zsh"),
        Arguments.of("serve --port abc", "cds: --port abc: not a whole number (cds serve --help)"),
        Arguments.of("jwt sign --key k --iss i --aud https://a --ttl soon",
            "cds: --ttl soon: not a duration: use seconds or a unit, e.g. 2, 2s, 500ms, 1m (cds jwt sign --help)"),
        Arguments.of("init patient-view --hook-version 1.0 --hook-version 1.0", "cds: --hook-version given twice: give it once"),
        Arguments.of("feedback --service s --card c --outcome accepted --suggestion a --comment b",
            "cds: --suggestion and --reason-code/--reason-system/--reason-display/--comment exclude each other:"
                + " give one or the other (cds feedback --help)"),
        Arguments.of("", "cds: missing command, e.g. cds hooks, cds init HOOK or cds call HOOK --base URL (cds --help)"),
        Arguments.of("keys", "cds: missing subcommand: generate, jwks or rotate (cds keys --help)"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void oneLineThatSaysWhatToDo(String line, String expected) {
    Cli.Result r = cli().run(line.isEmpty() ? new String[0] : line.split(" "));
    assertEquals(2, r.code(), r::toString);
    assertEquals(expected + "\n", r.err());
    assertEquals("", r.out());
  }

  /** Choices are case-insensitive: what the message lists is what the user may type, in any case. */
  @Test
  void choicesIgnoreCase() {
    assertEquals(0, cli().run("init", "order-sign", "--fhir-version", "stu3").code());
    assertEquals(0, cli().run("hooks", "--output", "JSON").code());
    Cli.Result r = cli().stdin("{\"cards\": []}").run("validate", "-", "--as", "RESPONSE", "--no-fhir");
    assertEquals(0, r.code(), r::toString);
  }

  /** An enum read by a converter (labels that are not Java names) keeps the converter's words. */
  @Test
  void aConvertedEnumKeepsTheConvertersMessage() {
    CommandLine cli = new CommandLine(new Tokens());
    ParameterException e = assertThrows(ParameterException.class, () -> cli.parseArgs("--prefetch-tokens", "9.9"));
    assertEquals("--prefetch-tokens 9.9: not a token rule set: use 2.0, crd, fhirpath or all (tokens --help)",
        UsageErrors.describe(e));
    cli.parseArgs("--prefetch-tokens", "CRD");
    assertEquals(TokenRules.CRD, ((Tokens) cli.getCommand()).tokens);
  }

  @Command(name = "tokens")
  static final class Tokens {
    @Option(names = "--prefetch-tokens", converter = TokenRulesConverter.class)
    TokenRules tokens;
  }

  @Test
  void noRawPicocliWording() {
    for (String[] args : new String[][] {{"init", "a", "b"}, {"init"}, {"bogus"}, {"init", "x", "--nope"}}) {
      String err = cli().run(args).err();
      assertFalse(err.contains("Unmatched argument") || err.contains("Missing required") || err.contains("Unknown option"), err);
      assertEquals(1, err.lines().count(), err);
    }
  }
}
