package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.FaultServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence: flag, then environment, then the selected profile; the environment handed in through CliContext. */
class ProfileTest {
  @TempDir Path dir;
  FaultServer server;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    server = new FaultServer();
    config = dir.resolve("config");
    Files.writeString(config, "# cds profiles\n[default]\nbase = " + server.base() + "\n\n[broken]\nbase = http://127.0.0.1:1\n");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Cli cds() {
    return cli().env("CDS_CONFIG", config.toString());
  }

  @Test
  void defaultProfileGivesTheBase() {
    Cli.Result r = cds().run("discover");
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void selectedProfileByFlagOrEnvironment() {
    assertEquals(4, cds().run("discover", "--profile", "broken").code());
    assertEquals(4, cds().run("--profile", "broken", "discover").code());
    assertEquals(4, cds().run("discover", "--profile=broken").code());
    assertEquals(4, cds().env("CDS_PROFILE", "broken").run("discover").code());
  }

  @Test
  void environmentBeatsProfileAndFlagBeatsBoth() {
    Cli cds = cds().env("CDS_PROFILE", "broken").env("CDS_BASE_URL", server.base());
    assertEquals(0, cds.run("discover").code());
    assertEquals(4, cds.run("discover", "--base", "http://127.0.0.1:1").code());
  }

  @Test
  void unknownProfileIsUsage() {
    Cli.Result r = cds().run("discover", "--profile", "nope");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("profiles: default, broken"), r.err());
  }
}
