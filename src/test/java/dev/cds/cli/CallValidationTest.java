package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cds call checks the request before sending and the response after, by the rules of cds validate. */
class CallValidationTest {
  @TempDir static Path dir;
  static CdsServer server;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("sloppy.json"), """
        {"id": "sloppy", "hook": "patient-view", "description": "answers a card without source",
         "response": {"body": {"cards": [{"summary": "No source here", "indicator": "info"}]}}}
        """);
    server = new CdsServer(ServiceDefinitions.load(dir), null, Clock.systemUTC()).start("127.0.0.1", 0, 2);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requestBreakingTheSpecIsNotSent() {
    Cli.Result r = cli().run("call", "sloppy", "--base", server.baseUrl(), "--set", "context.userId=Practitioner");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("/context/userId"), r.err());
    assertTrue(r.err().contains("--no-validate"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void noValidateSendsItAnyway() {
    Cli.Result r = cli().run("call", "sloppy", "--base", server.baseUrl(), "--set", "context.userId=Practitioner",
        "--no-validate");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("No source here"));
  }

  @Test
  void responseFindingsAreWarningsAndStrictMakesThemFindings() {
    Cli.Result lax = cli().run("call", "sloppy", "--base", server.baseUrl());
    assertEquals(0, lax.code(), lax::toString);
    assertTrue(lax.err().contains("warning: sloppy response") && lax.err().contains("source"), lax.err());
    Cli.Result strict = cli().run("call", "sloppy", "--base", server.baseUrl(), "--strict");
    assertEquals(1, strict.code(), strict::toString);
  }
}
