package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.FaultServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;

/** Precedence: flag, then environment, then the selected profile — with the real process environment. */
@ExtendWith(SystemStubsExtension.class)
class ProfileTest {
  @SystemStub EnvironmentVariables environment;
  @TempDir Path dir;
  FaultServer server;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    server = new FaultServer();
    config = dir.resolve("config");
    Files.writeString(config, "# cds profiles\n[default]\nbase = " + server.base() + "\n\n[broken]\nbase = http://127.0.0.1:1\n");
    environment.set("CDS_CONFIG", config.toString());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private int run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(args, CliContext.system(new PrintWriter(new StringWriter()), new PrintWriter(err)));
    return code;
  }

  @Test
  void defaultProfileGivesTheBase() {
    assertEquals(0, run("discover"));
  }

  @Test
  void selectedProfileByFlagOrEnvironment() {
    assertEquals(4, run("discover", "--profile", "broken"));
    environment.set("CDS_PROFILE", "broken");
    assertEquals(4, run("discover"));
  }

  @Test
  void environmentBeatsProfileAndFlagBeatsBoth() {
    environment.set("CDS_PROFILE", "broken");
    environment.set("CDS_BASE_URL", server.base());
    assertEquals(0, run("discover"));
    assertEquals(4, run("discover", "--base", "http://127.0.0.1:1"));
  }

  @Test
  void unknownProfileIsUsage() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"discover", "--profile", "nope"},
        CliContext.system(new PrintWriter(new StringWriter()), new PrintWriter(err)));
    assertEquals(2, code);
    assertTrue(err.toString().contains("profiles: default, broken"), err.toString());
  }
}
