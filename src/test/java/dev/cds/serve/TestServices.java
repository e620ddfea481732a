package dev.cds.serve;

import java.nio.file.Path;
import java.time.Clock;

/** The bundled example services, served on a free loopback port for a test. */
public final class TestServices {
  private TestServices() {}

  public static CdsServer start() {
    return unstarted().start("127.0.0.1", 0, 4);
  }

  /** The example services, for a test that records, gates or mounts something before starting. */
  public static CdsServer unstarted() {
    return new CdsServer(ServiceDefinitions.load(Path.of("examples/services")), null, Clock.systemUTC());
  }
}
