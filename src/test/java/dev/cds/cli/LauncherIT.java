package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launchers as users run them (target/cds from {@code package}, and the app image from
 * the jpackage profile when it was built): what they load, where they work from, and that
 * stdout carries only data.
 */
class LauncherIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = PROJECT.resolve("target/cds");
  private static final Path IMAGE_LAUNCHER = PROJECT.resolve("target/jpackage/cds/bin/cds");
  /** A class-load line of -verbose:class for HAPI or the HL7 FHIR model. */
  private static final Pattern HAPI = Pattern.compile("\\] (ca\\.uhn\\.|org\\.hl7\\.fhir\\.)\\S+ source:");
  private static final Map<String, String> VERBOSE_CLASS = Map.of("JAVA_OPTS", "-verbose:class");

  private static CdsServer server;
  private static String base;

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + tail(out) + "\n--- stderr\n" + err;
    }

    private static String tail(String s) {
      return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
    }
  }

  @BeforeAll
  static void startService() {
    server = new CdsServer(ServiceDefinitions.load(PROJECT.resolve("examples/services")), null, Clock.systemUTC())
        .start("127.0.0.1", 0, 4);
    base = server.baseUrl();
  }

  @AfterAll
  static void stopService() {
    server.close();
  }

  @Test
  void versionHelpAndBadUsageThroughTheLauncher() throws Exception {
    Run version = run(LAUNCHER, Map.of(), PROJECT, "--version");
    assertEquals(0, version.code(), version::toString);
    assertTrue(version.out().startsWith("cds "), version::toString);
    Run help = run(LAUNCHER, Map.of(), PROJECT, "--help");
    assertEquals(0, help.code(), help::toString);
    assertTrue(help.out().contains("Exit codes:"), help::toString);
    Run none = run(LAUNCHER, Map.of(), PROJECT);
    assertEquals(2, none.code(), none::toString);
    Run bogus = run(LAUNCHER, Map.of(), PROJECT, "bogus");
    assertEquals(2, bogus.code(), bogus::toString);
    assertTrue(!bogus.out().contains("Exception") && !bogus.err().contains("\tat "), bogus::toString);
  }

  @Test
  void initLoadsNoHapiClass() throws Exception {
    Run r = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "init", "order-dispatch");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("\"hook\" : \"order-dispatch\"") || r.out().contains("\"hook\": \"order-dispatch\""), r::toString);
    assertNoHapi(r);
  }

  @Test
  void callLoadsNoHapiClassEvenWithFhirResourcesInTheContext() throws Exception {
    Run view = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "call", "patient-view", "--base", base,
        "--context", "examples/contexts/patient-view.json", "--output", "json");
    assertEquals(0, view.code(), view::toString);
    assertNoHapi(view);
    Run dispatch = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "call", "order-dispatch", "--base", base,
        "--context", "examples/contexts/order-dispatch.json", "--output", "json");
    assertEquals(0, dispatch.code(), dispatch::toString);
    assertTrue(dispatch.out().contains("Prior authorization"), dispatch::toString);
    assertNoHapi(dispatch);
  }

  /** The control: the same check sees HAPI where it is meant to load, so the tests above can fail. */
  @Test
  void validateOfFhirResourcesDoesLoadHapi() throws Exception {
    Run r = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "validate", "examples/requests/order-dispatch.json");
    assertTrue(HAPI.matcher(r.out()).find(), "expected HAPI classes in -verbose:class output\n" + r);
  }

  @Test
  void worksFromAnotherFolderAndThroughASymlink(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("cds"), LAUNCHER);
    Run r = run(link, Map.of(), dir, "hooks", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    assertTrue(Json.parse(r.out(), "stdout").isArray(), r::toString);
  }

  /** A class-data archive that does not fit (moved install, other JDK) is skipped without a word on stdout. */
  @Test
  void stdoutStaysJsonWhenTheArchiveDoesNotFit(@TempDir Path dir) throws Exception {
    Files.copy(LAUNCHER, dir.resolve("cds"));
    Files.copy(PROJECT.resolve("target/cds.jar"), dir.resolve("cds.jar"));
    Path archive = PROJECT.resolve("target/cds.jsa");
    assumeTrue(Files.exists(archive), "no target/cds.jsa (built with -Dcds.archive.skip)");
    Files.copy(archive, dir.resolve("cds.jsa")); // recorded for target/cds.jar, not this copy
    dir.resolve("cds").toFile().setExecutable(true);
    Run r = run(dir.resolve("cds"), Map.of(), dir, "init", "patient-view");
    assertEquals(0, r.code(), r::toString);
    assertEquals("patient-view", Json.parse(r.out(), "stdout").path("hook").asText(), r::toString);
    assertFalse(r.err().contains("warning"), r::toString);
  }

  @Test
  void appImageRunsInitCallServeAndValidateFromAnywhere(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(IMAGE_LAUNCHER), "no app image: build it with -Pjpackage");
    Run init = run(IMAGE_LAUNCHER, VERBOSE_CLASS, dir, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertNoHapi(init);
    Run call = run(IMAGE_LAUNCHER, VERBOSE_CLASS, dir, "call", "order-dispatch", "--base", base,
        "--context", PROJECT.resolve("examples/contexts/order-dispatch.json").toString(), "--output", "json");
    assertEquals(0, call.code(), call::toString);
    assertNoHapi(call);
    // the trimmed runtime still parses and checks FHIR with HAPI
    Run valid = run(IMAGE_LAUNCHER, Map.of(), dir, "validate", PROJECT.resolve("examples/requests/order-dispatch.json").toString());
    assertEquals(0, valid.code(), valid::toString);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, Files.readString(PROJECT.resolve("examples/requests/order-dispatch.json"))
        .replaceFirst("\"status\": \"[a-z-]+\"", "\"status\": \"not-a-status\""));
    Run invalid = run(IMAGE_LAUNCHER, Map.of(), dir, "validate", broken.toString());
    assertEquals(1, invalid.code(), invalid::toString);
    // serve finds the bundled examples inside the image
    Process serve = new ProcessBuilder(IMAGE_LAUNCHER.toString(), "serve", "--port", "0", "--quiet")
        .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String url = out.readLine();
      assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "serve printed " + url);
      Run discover = run(IMAGE_LAUNCHER, Map.of(), dir, "discover", url, "--output", "json");
      assertTrue(discover.out().contains("order-dispatch-crd"), discover::toString);
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** serve's first stdout line is the bare URL scripts read, also in a pipe; JSON only when asked for by name. */
  @Test
  void serveFirstLineIsTheUrlUnlessJsonIsAsked() throws Exception {
    assertTrue(firstServeLine().startsWith("http://127.0.0.1:"));
    var line = Json.parse(firstServeLine("--output", "json"), "serve's first line");
    assertTrue(line.path("url").asText().startsWith("http://127.0.0.1:"), line::toString);
    assertEquals(line.path("url").asText() + "/cds-services", line.path("services").asText());
  }

  private static String firstServeLine(String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--port", "0", "--quiet"));
    command.addAll(List.of(options));
    Process serve = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      return line == null ? "" : line;
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void assertNoHapi(Run r) {
    List<String> loaded = new ArrayList<>();
    HAPI.matcher(r.out()).results().limit(5).forEach(m -> loaded.add(m.group()));
    assertTrue(loaded.isEmpty(), "HAPI classes loaded: " + loaded);
    assertTrue(r.out().contains("] dev.cds.cli.Main source:"), "no -verbose:class output: " + r);
  }

  private static Run run(Path launcher, Map<String, String> env, Path cwd, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cds-it", ".out");
    Path err = Files.createTempFile("cds-it", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("JAVA_OPTS");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
