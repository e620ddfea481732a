package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.testing.RecordingLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is for {@code cds serve}'s TLS only: {@code cds init} and {@code cds call} (and a
 * plain {@code cds serve}) never load a class of it. Runs cds in a fresh {@link RecordingLoader}.
 */
class TlsIsolationTest {
  private static final String BOUNCY_CASTLE = "org.bouncycastle.";

  @Test
  void initCallAndPlainServeLoadNoBouncyCastle() throws Exception {
    try (CdsServer server = TestServices.start(); RecordingLoader loader = new RecordingLoader()) {
      assertEquals(0, loader.runCds("init", "patient-view"));
      assertEquals(0, loader.runCds("call", "patient-view", "--base", server.baseUrl(), "--set", "context.patientId=1",
          "--output", "json"));
      Class<?> cds = loader.loadClass("dev.cds.serve.CdsServer");
      Object plain = cds.getConstructor(java.util.List.class, PrintWriter.class, Clock.class).newInstance(
          loader.loadClass("dev.cds.serve.ServiceDefinitions").getMethod("load", Path.class)
              .invoke(null, Path.of("examples/services")), null, Clock.systemUTC());
      cds.getMethod("start", String.class, int.class, int.class).invoke(plain, "127.0.0.1", 0, 1);
      cds.getMethod("close").invoke(plain);
      assertFalse(loader.loaded(BOUNCY_CASTLE), () -> "loaded: " + loader.loadedOf(BOUNCY_CASTLE));
    }
  }

  @Test
  void tlsDoesLoadIt() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Object tls = loader.loadClass("dev.cds.serve.TlsContexts").getMethod("load").invoke(null);
      loader.loadClass("dev.cds.serve.TlsContexts").getMethod("selfSigned", java.util.List.class, Clock.class)
          .invoke(tls, java.util.List.of("localhost"), Clock.systemUTC());
      assertTrue(loader.loaded(BOUNCY_CASTLE));
    }
  }
}
