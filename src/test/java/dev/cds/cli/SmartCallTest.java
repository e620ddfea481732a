package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.auth.TestKeys;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cds call} with a SMART Backend Services token from a loopback token endpoint. */
class SmartCallTest {
  static final String TOKEN = "smart-at-51c0ffee";
  static final String KEY = TestKeys.path("rsa-pkcs1.pem");

  @TempDir Path config;
  final List<String> assertions = Collections.synchronizedList(new ArrayList<>());
  volatile String tokenReply = "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":300}";
  volatile int tokenStatus = 200;
  CdsServer server;
  String base;

  @BeforeEach
  void start() {
    server = TestServices.unstarted();
    server.gate((ex, aud) -> ("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))
        ? Optional.empty() : Optional.of("not the SMART token"));
    server.mount("/auth/token", ex -> {
      String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      for (String pair : form.split("&")) {
        if (pair.startsWith("client_assertion=")) {
          assertions.add(URLDecoder.decode(pair.substring(17), StandardCharsets.UTF_8));
        }
      }
      byte[] body = tokenReply.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(tokenStatus, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start("127.0.0.1", 0, 2);
    base = server.baseUrl();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Cli.Result call(String... extra) {
    List<String> args = new ArrayList<>(List.of("call", "patient-view", "--base", base, "--set",
        "context.patientId=123", "--output", "json", "--key", KEY, "--client-id", "cds-cli",
        "--smart-token-url", base + "/auth/token", "--scope", "system/*.rs"));
    args.addAll(List.of(extra));
    return cli().configDir(config).run(args.toArray(String[]::new));
  }

  @Test
  void tokenIsFetchedOnceAndNeverPrinted() {
    Cli.Result first = call("-v");
    assertEquals(0, first.code(), first::toString);
    assertEquals(1, assertions.size());
    String everything = first.out() + first.err();
    assertFalse(everything.contains(TOKEN), "access token printed:\n" + first.err());
    assertFalse(everything.contains(assertions.get(0)), "client assertion printed:\n" + first.err());
    assertTrue(first.err().contains("client_assertion=[redacted]"), first::toString);

    Cli.Result second = call();
    assertEquals(0, second.code(), second::toString);
    assertEquals(1, assertions.size(), "the second run reuses the cached token");
  }

  @Test
  void tokenErrorExits4WithTheServersError() {
    tokenStatus = 401;
    tokenReply = "{\"error\":\"invalid_client\",\"error_description\":\"unknown client cds-cli\"}";
    Cli.Result r = call();
    assertEquals(4, r.code(), r::toString);
    assertTrue(r.err().contains("invalid_client (unknown client cds-cli)"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  static Stream<Arguments> incomplete() {
    String ec = TestKeys.path("ec-pkcs8.pem");
    return Stream.of(
        Arguments.of((Object) new String[] {"--client-id", "c", "--smart-token-url", "http://x/t", "--scope", "s"}),
        Arguments.of((Object) new String[] {"--key", ec}),
        Arguments.of((Object) new String[] {"--iss", "ehr"}),
        Arguments.of((Object) new String[] {"--key", ec, "--iss", "ehr", "--client-id", "c"}),
        Arguments.of((Object) new String[] {"--key", ec, "--client-id", "c", "--smart-token-url", "http://x/t"}),
        Arguments.of((Object) new String[] {"--key", ec, "--client-id", "c", "--scope", "s"}),
        Arguments.of((Object) new String[] {"--key", ec, "--client-id", "c", "--scope", "s",
            "--smart-token-url", "http://x/t", "--smart-discovery", "http://x/fhir"}),
        Arguments.of((Object) new String[] {"--key", ec, "--iss", "ehr", "--alg", "RS384"}),
        Arguments.of((Object) new String[] {"--key", ec, "--iss", "ehr", "--alg", "HS256"}),
        Arguments.of((Object) new String[] {"--key", ec, "--iss", "ehr", "--jwt-ttl", "10m"}),
        Arguments.of((Object) new String[] {"--key", ec, "--iss", "ehr", "--jku", "jwks.json"}));
  }

  @ParameterizedTest
  @MethodSource("incomplete")
  void incompleteCombinationsAreUsageErrors(String[] auth) throws IOException {
    List<String> args = new ArrayList<>(List.of("discover", base));
    args.addAll(List.of(auth));
    Cli.Result r = cli().configDir(config).run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("cds: "), r::toString);
  }
}
