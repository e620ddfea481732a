package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.prefetch.TokenRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Options typed by converters and enums: checked while parsing, so a typo is exit 2 before anything runs. */
class OptionTypesTest {
  @Test
  void durationsInEveryUnit() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofSeconds(2), c.convert("2"));
    assertEquals(Duration.ofSeconds(2), c.convert("2s"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofMinutes(1), c.convert("1m"));
    assertEquals(Duration.ofMillis(1500), c.convert("1.5s"));
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> c.convert("soon"));
    assertEquals("not a duration: use seconds or a unit, e.g. 2, 2s, 500ms, 1m", e.getMessage());
    assertThrows(TypeConversionException.class, () -> c.convert("-1s"));
  }

  @Test
  void tokenRulesByTheirLabels() {
    TokenRulesConverter c = new TokenRulesConverter();
    assertEquals(TokenRules.V2, c.convert("2.0"));
    assertEquals(TokenRules.CRD, c.convert("CRD"));
    assertEquals(TokenRules.FHIRPATH, c.convert("fhirpath"));
    assertEquals(TokenRules.ALL, c.convert("all"));
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> c.convert("9.9"));
    assertEquals("not a token rule set: use 2.0, crd, fhirpath or all", e.getMessage());
  }

  /** --jwt-ttl and --alg of the auth options: typed, and the key still has to fit the algorithm. */
  @Test
  void authOptionsAreTypedToo() {
    Cli.Result ttl = cli().run("discover", "http://127.0.0.1:1", "--key", "k.pem", "--iss", "i", "--jwt-ttl", "later");
    assertEquals(2, ttl.code(), ttl::toString);
    assertTrue(ttl.err().startsWith("cds: --jwt-ttl later: not a duration"), ttl::toString);
    Cli.Result alg = cli().run("discover", "http://127.0.0.1:1", "--key", dev.cds.auth.TestKeys.path("ec-pkcs8.pem"),
        "--iss", "i", "--alg", "rs384");
    assertEquals(2, alg.code(), alg::toString);
    assertTrue(alg.err().startsWith("cds: --alg RS384 does not fit"), alg::toString);
    Cli.Result hs = cli().run("discover", "http://127.0.0.1:1", "--alg", "HS256");
    assertEquals("cds: --alg HS256 is not one of ES384, RS384\n", hs.err());
  }
}
