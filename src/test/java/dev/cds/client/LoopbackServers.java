package dev.cds.client;

import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For tests that call real services: the bundled example services and the misbehaving ones, on loopback. */
public abstract class LoopbackServers {
  protected static CdsServer examples;
  protected static FaultServer faults;

  @BeforeAll
  static void startServers() throws Exception {
    examples = TestServices.start();
    faults = new FaultServer();
  }

  @AfterAll
  static void stopServers() {
    examples.close();
    faults.close();
  }
}
