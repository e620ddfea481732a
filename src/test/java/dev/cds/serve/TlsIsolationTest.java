package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is for {@code cds serve}'s TLS only: {@code cds init} and {@code cds call} (and a
 * plain {@code cds serve}) never load a class of it. Runs cds in a fresh class loader that records
 * every class it is asked for.
 */
class TlsIsolationTest {
  static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    boolean loadedBouncyCastle() {
      return requested.stream().anyMatch(n -> n.startsWith("org.bouncycastle."));
    }
  }

  @Test
  void initCallAndPlainServeLoadNoBouncyCastle() throws Exception {
    try (CdsServer server = TestServices.start(); RecordingLoader loader = loader()) {
      assertEquals(0, run(loader, "init", "patient-view"));
      assertEquals(0, run(loader, "call", "patient-view", "--base", server.baseUrl(), "--set", "context.patientId=1",
          "--output", "json"));
      Class<?> cds = loader.loadClass("dev.cds.serve.CdsServer");
      Object plain = cds.getConstructor(java.util.List.class, PrintWriter.class, Clock.class).newInstance(
          loader.loadClass("dev.cds.serve.ServiceDefinitions").getMethod("load", Path.class)
              .invoke(null, Path.of("examples/services")), null, Clock.systemUTC());
      cds.getMethod("start", String.class, int.class, int.class).invoke(plain, "127.0.0.1", 0, 1);
      cds.getMethod("close").invoke(plain);
      assertFalse(loader.loadedBouncyCastle(), () -> "loaded: " + loader.requested.stream()
          .filter(n -> n.startsWith("org.bouncycastle")).sorted().limit(10).toList());
    }
  }

  @Test
  void tlsDoesLoadIt() throws Exception {
    try (RecordingLoader loader = loader()) {
      loader.loadClass("dev.cds.serve.TlsIdentity").getMethod("selfSigned", java.util.List.class, Clock.class)
          .invoke(null, java.util.List.of("localhost"), Clock.systemUTC());
      assertTrue(loader.loadedBouncyCastle());
    }
  }

  private static int run(RecordingLoader loader, String... args) throws Exception {
    Class<?> context = loader.loadClass("dev.cds.cli.CliContext");
    Constructor<?> make = context.getConstructors()[0];
    Object ctx = make.newInstance(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC(), false, false, Path.of("target", "no-config"));
    return (int) loader.loadClass("dev.cds.cli.Main").getMethod("run", String[].class, context)
        .invoke(null, args, ctx);
  }

  private static RecordingLoader loader() throws Exception {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    return new RecordingLoader(urls);
  }
}
