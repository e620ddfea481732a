package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery cache: one round trip less per call, per identity, invalidated when stale. */
class DiscoveryCacheTest {
  @TempDir Path cache;
  private HttpServer server;
  private final AtomicInteger discoveries = new AtomicInteger();
  private final AtomicReference<String> services = new AtomicReference<>(
      "{\"services\":[{\"id\":\"pv\",\"hook\":\"patient-view\",\"title\":\"t\",\"description\":\"d\"}]}");

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cds-services", ex -> {
      ex.getRequestBody().readAllBytes();
      boolean discovery = ex.getRequestURI().getPath().equals("/cds-services");
      if (discovery) {
        discoveries.incrementAndGet();
      }
      String known = services.get();
      String id = ex.getRequestURI().getPath().replace("/cds-services/", "");
      int status = discovery || known.contains("\"" + id + "\"") ? 200 : 404;
      byte[] b = (discovery ? known : "{\"cards\":[]}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Cli.Result call(String target, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("call", target, "--base",
        "http://127.0.0.1:" + server.getAddress().getPort()));
    args.addAll(List.of(more));
    return cli().env("XDG_CACHE_HOME", cache.toString()).run(args.toArray(String[]::new));
  }

  @Test
  void aSecondCallUsesTheCachedDocumentAndRefreshAsksAgain() throws Exception {
    assertEquals(0, call("patient-view").code());
    assertEquals(0, call("patient-view").code());
    assertEquals(1, discoveries.get(), "the second call read the cache");
    assertEquals(0, call("patient-view", "--refresh").code());
    assertEquals(2, discoveries.get());
    try (var files = Files.list(cache.resolve("cds/discovery"))) {
      for (Path f : files.toList()) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      }
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("cds/discovery"))));
  }

  @Test
  void identitiesNeverShareAnEntry() throws Exception {
    assertEquals(0, call("patient-view").code());
    Path key = dev.cds.auth.TestKeys.file("ec-pkcs8.pem"); // mode 0600: cds refuses a key others can read
    call("patient-view", "--key", key.toString(), "--iss", "https://ehr.example.org");
    assertEquals(2, discoveries.get(), "another identity does not read the anonymous entry");
  }

  @Test
  void anUnknownServiceInTheCachedDocumentAsksTheServerBeforeGivingUp() {
    assertEquals(0, call("patient-view").code());
    services.set("{\"services\":[{\"id\":\"pv\",\"hook\":\"patient-view\",\"title\":\"t\",\"description\":\"d\"},"
        + "{\"id\":\"new\",\"hook\":\"order-sign\",\"title\":\"t\",\"description\":\"d\"}]}");
    Cli.Result r = call("new");
    assertEquals(0, r.code(), r::toString);
    assertEquals(2, discoveries.get());
  }

  @Test
  void aServiceAnswering404DropsTheCachedDocument() {
    assertEquals(0, call("pv").code());
    services.set("{\"services\":[]}");
    assertEquals(4, call("pv").code(), "the cached document still lists pv; the service is gone");
    Cli.Result r = call("pv");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("neither a hook nor a service id"), r.err());
  }
}
