package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinition;
import dev.cds.serve.ServiceDefinitions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launchers as users run them (target/cds from {@code package}, a release layout of it,
 * and the app image from the jpackage profile, or built here by src/jpackage/image.sh when
 * {@code CDS_IT_JPACKAGE=1}): what they load, where they work from, what they tell Java about the
 * terminal, and that stdout carries only data.
 */
class LauncherIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = PROJECT.resolve("target/cds");
  private static final Path IMAGE = PROJECT.resolve("target/jpackage/cds");
  private static final Path IMAGE_LAUNCHER = IMAGE.resolve("bin/cds");
  /** A class-load line saying a cds class came from a class-data archive or the AOT cache. */
  private static final Pattern MAIN_SHARED = Pattern.compile("\\] dev\\.cds\\.cli\\.Main source: shared objects file");
  /** A class-load line of -verbose:class for HAPI or the HL7 FHIR model. */
  private static final Pattern HAPI = Pattern.compile("\\] (ca\\.uhn\\.|org\\.hl7\\.fhir\\.)\\S+ source:");
  /**
   * What {@code cds init} and a plain {@code cds call} (no --key, no load options, JSON output)
   * never need, each a measurable share of their start-up: HAPI and the FHIR model (validate),
   * BouncyCastle and nimbus (keys, signing), commonmark and JLine (rendering to a terminal),
   * HdrHistogram (load runs), java.net.http, the management beans, and the JCA provider list
   * (SecureRandom, MessageDigest: about a hundred classes and 10 ms); and picocli's reflective
   * model (dynamic proxies for its annotations: the generated model replaces it) and the java.sql
   * module it would load for converters no option uses.
   */
  private static final List<String> FORBIDDEN_ON_INIT_AND_CALL = List.of(
      "ca.uhn.", "org.hl7.fhir.", "org.bouncycastle.", "com.nimbusds.", "org.commonmark.", "org.jline.",
      "org.HdrHistogram.", "java.net.http.", "jdk.internal.net.http.", "java.lang.management.",
      "sun.management.", "sun.security.jca.", "sun.security.provider.", "dev.cds.serve.", "jdk.proxy",
      "com.sun.proxy.", "java.sql.");
  private static final Pattern FORBIDDEN = Pattern.compile("\\] ("
      + String.join("|", FORBIDDEN_ON_INIT_AND_CALL.stream().map(Pattern::quote).toList()) + ")\\S+ source:");
  private static final Map<String, String> VERBOSE_CLASS = Map.of("JAVA_OPTS", "-verbose:class");
  /** A class-load line of a class that came from cds-ext.jar. */
  private static final Pattern FROM_EXT_JAR = Pattern.compile("\\] \\S+ source: file:\\S*/cds-ext\\.jar");

  private static CdsServer server;
  private static String base;
  /** XDG_CACHE_HOME of every run: a release-layout launcher records its archive there, not in ~/.cache. */
  private static Path cacheHome;

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
  static void startService() throws IOException, InterruptedException {
    cacheHome = Files.createTempDirectory("cds-it-cache");
    if ("1".equals(System.getenv("CDS_IT_JPACKAGE"))) {
      buildImage();
    }
    server = new CdsServer(ServiceDefinitions.load(PROJECT.resolve("examples/services")), null, Clock.systemUTC())
        .start("127.0.0.1", 0, 4);
    base = server.baseUrl();
  }

  /** The app image of target/cds.jar, with the JDK running the tests, unless one newer than the jar is there. */
  private static void buildImage() throws IOException, InterruptedException {
    Path jar = PROJECT.resolve("target/cds.jar");
    if (Files.isExecutable(IMAGE_LAUNCHER)
        && Files.getLastModifiedTime(IMAGE_LAUNCHER).compareTo(Files.getLastModifiedTime(jar)) > 0) {
      return;
    }
    Process p = new ProcessBuilder("bash", "src/jpackage/image.sh", "--no-deb", System.getProperty("java.home"),
        PROJECT.resolve("target").toString(), version(), PROJECT.toString())
        .directory(PROJECT.toFile()).redirectErrorStream(true)
        .redirectOutput(PROJECT.resolve("target/jpackage-it.log").toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("src/jpackage/image.sh failed: see target/jpackage-it.log\n"
          + Files.readString(PROJECT.resolve("target/jpackage-it.log")));
    }
  }

  /** The version the build stamped into cds.jar, which `cds --version` prints. */
  private static String version() throws IOException {
    try (JarFile jar = new JarFile(PROJECT.resolve("target/cds.jar").toFile())) {
      return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
  }

  @AfterAll
  static void stopService() throws IOException {
    server.close();
    try (var files = Files.walk(cacheHome)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
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
    assertEquals(0, r.code(), r::toString);
    assertTrue(HAPI.matcher(r.out()).find(), "expected HAPI classes in -verbose:class output\n" + r);
    assertTrue(FORBIDDEN.matcher(r.out()).find(), "the forbidden-package check misses HAPI\n" + r);
    // from the extension jar beside cds.jar, which is on no class path, and with it the gateway itself
    assertTrue(FROM_EXT_JAR.matcher(r.out()).find(), "no class from cds-ext.jar\n" + r);
    String ext = "source: file:" + PROJECT.resolve("target/cds-ext.jar");
    assertTrue(r.out().contains("] dev.cds.validate.HapiR4Content " + ext), r::toString);
    assertTrue(r.out().contains("] ca.uhn.fhir.context.FhirContext " + ext), r::toString);
  }

  /**
   * cds.jar holds only what start-up needs; the 16,000 entries of HAPI and BouncyCastle are in
   * cds-ext.jar, which the JVM would read in full on every run if it were on the class path
   * (ServiceLoader scans open every class-path jar). init loads no class from it.
   */
  @Test
  void theJarsAreSplitAndInitLoadsNothingFromTheExtensionJar() throws Exception {
    try (JarFile lean = new JarFile(PROJECT.resolve("target/cds.jar").toFile());
        JarFile ext = new JarFile(PROJECT.resolve("target/cds-ext.jar").toFile())) {
      for (String moved : List.of("dev/cds/validate/HapiR4Content.class", "dev/cds/serve/TlsIdentity.class",
          "ca/uhn/fhir/context/FhirContext.class", "org/bouncycastle/cert/X509v3CertificateBuilder.class")) {
        assertTrue(ext.getEntry(moved) != null, moved + " not in cds-ext.jar");
        assertTrue(lean.getEntry(moved) == null, moved + " in cds.jar");
      }
      assertTrue(lean.getEntry("dev/cds/validate/Validator.class") != null);
      assertTrue(lean.size() < 5_000, "cds.jar has " + lean.size() + " entries");
      assertEquals(null, lean.getManifest().getMainAttributes().getValue("Multi-Release"), "cds.jar is Multi-Release");
      assertEquals(null, lean.getManifest().getMainAttributes().getValue("Class-Path"), "cds.jar names a Class-Path");
      assertEquals("true", ext.getManifest().getMainAttributes().getValue("Multi-Release"), "BouncyCastle's per-release classes");
    }
    Run init = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertNoHapi(init);
    assertFalse(FROM_EXT_JAR.matcher(init.out()).find(), init::toString);
  }

  /**
   * init runs without opening cds.jar at all: its classes come from the class-data archive and its
   * data files from BundledResources. A class-path miss or a resource read from the jar would open
   * it and read its index (about 10 ms of the run), which the JDK's URLClassPath reports when
   * sun.misc.URLClassPath.debug is set. The control, completion scripts, do read from the jar.
   */
  @Test
  void initNeverOpensCdsJar() throws Exception {
    Map<String, String> debug = Map.of("JAVA_OPTS", "-Dsun.misc.URLClassPath.debug=true");
    String opening = "Opening file:" + PROJECT.resolve("target/cds.jar");
    Run init = run(LAUNCHER, debug, PROJECT, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertFalse(init.err().contains(opening), () -> "init opened cds.jar (the stack says who):\n" + init.err());
    Run control = run(LAUNCHER, debug, PROJECT, "completion", "bash");
    assertEquals(0, control.code(), control::toString);
    assertTrue(control.err().contains(opening), control::toString);
  }

  /**
   * The same on a JDK 21 or newer, whose System.exit first looks up a System.Logger to log the exit:
   * that lookup scans the class path for a logger service, opening cds.jar (about 7 ms of each
   * run). A successful command returns from main instead. Runs where such a JDK is installed
   * beside the default one (a release install, so that the JDK records its own archive).
   */
  @Test
  void initNeverOpensCdsJarOnANewerJdkEither(@TempDir Path dir) throws Exception {
    Path jdk = newerJdk();
    assumeTrue(jdk != null, "no JDK 21 or newer under /usr/lib/jvm");
    Path bin = releaseInstall(dir);
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString());
    for (int i = 0; i < 2; i++) { // the first run records the archive, the second may re-record it
      Run r = run(bin.resolve("cds"), env, dir, "init", "order-dispatch");
      assertEquals(0, r.code(), r::toString);
    }
    Map<String, String> debug = new HashMap<>(env);
    debug.put("JAVA_OPTS", "-Dsun.misc.URLClassPath.debug=true");
    Run init = run(bin.resolve("cds"), debug, dir, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertFalse(init.err().contains("Opening file:"), () -> "init on " + jdk + " opened a jar:\n" + init.err());
    // a failure still exits with its own code, through System.exit
    Run bad = run(bin.resolve("cds"), env, dir, "init", "no-such-hook");
    assertEquals(2, bad.code(), bad::toString);
  }

  /**
   * target/cds.jsa fits only the JDK that built it: passed to another, the JVM would reject it and,
   * with it, its own default archive too (every class from the jar, five times slower). target/cds
   * on another JDK records an archive of its own, as a release install does.
   */
  @Test
  void buildArchiveGoesOnlyToTheJdkThatMadeIt(@TempDir Path dir) throws Exception {
    Path jdk = newerJdk();
    assumeTrue(jdk != null, "no JDK 21 or newer under /usr/lib/jvm");
    assertTrue(Files.readString(PROJECT.resolve("target/cds.jsa.jdk")).startsWith(System.getProperty("java.home") + "|"),
        "target/cds.jsa.jdk does not name the build's JDK");
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString());
    Run first = run(LAUNCHER, env, PROJECT, "init", "order-dispatch");
    assertEquals(0, first.code(), first::toString);
    assertEquals(1, archives(dir.resolve("cache")).size(), "no archive of its own for " + jdk);
    Map<String, String> verbose = new HashMap<>(env);
    verbose.put("JAVA_OPTS", "-verbose:class");
    Run second = run(LAUNCHER, verbose, PROJECT, "init", "order-dispatch");
    assertEquals(0, second.code(), second::toString);
    assertTrue(MAIN_SHARED.matcher(second.out()).find(), "cds.cli.Main not from an archive on " + jdk + "\n" + second);
    // the build's own JDK still uses target/cds.jsa, and records nothing
    Map<String, String> own = Map.of("XDG_CACHE_HOME", dir.resolve("own").toString(), "JAVA_OPTS", "-verbose:class");
    Run build = run(LAUNCHER, own, PROJECT, "init", "order-dispatch");
    assertTrue(MAIN_SHARED.matcher(build.out()).find(), build::toString);
    assertEquals(List.of(), archives(dir.resolve("own")));
  }

  /** A JDK of release 21 or newer under /usr/lib/jvm, or null. */
  private static Path newerJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
          for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
              String v = line.substring("JAVA_VERSION=\"".length());
              int end = 0;
              while (end < v.length() && Character.isDigit(v.charAt(end))) {
                end++;
              }
              if (end > 0 && Integer.parseInt(v.substring(0, end)) >= 21) {
                return home;
              }
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * While a cds call waits for the service (everything up to its HTTP exchange has run, the
   * ServiceLoader scan of URL handlers included), the JVM has cds.jar open and not cds-ext.jar;
   * the control is serve --tls below, which does have it open.
   */
  @Test
  void callNeverOpensTheExtensionJar() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc");
    assertCallLeavesTheExtensionJarClosed(LAUNCHER, PROJECT);
  }

  private static void assertCallLeavesTheExtensionJarClosed(Path launcher, Path cwd) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      silent.setSoTimeout(60_000);
      Process call = builder(launcher, VERBOSE_CLASS, cwd, "call", "patient-view", "--base",
          "http://127.0.0.1:" + silent.getLocalPort(), "--set", "context.patientId=1", "--output", "json",
          "--timeout", "60").redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (Socket waiting = silent.accept()) {
        List<String> open = openJars(call);
        assertTrue(open.stream().anyMatch(j -> j.endsWith("/cds.jar")), "cds.jar not open: " + open);
        assertTrue(open.stream().noneMatch(j -> j.endsWith("/cds-ext.jar")), "cds call opened " + open);
      } finally {
        if (!call.waitFor(60, TimeUnit.SECONDS)) {
          call.destroyForcibly();
        }
      }
    }
  }

  /** cds serve --tls self-signed through the launcher: BouncyCastle from cds-ext.jar, and https works. */
  @Test
  void serveSpeaksTlsWithTheExtensionJar(@TempDir Path dir) throws Exception {
    assertServesTls(LAUNCHER, dir);
  }

  private static void assertServesTls(Path launcher, Path dir) throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.toString(),
        "JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
    Process serve = builder(launcher, env, dir, "serve", PROJECT.resolve("examples/services").toString(),
        "--port", "0", "--quiet", "--tls", "self-signed")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String url = out.readLine();
      assertTrue(url != null && url.startsWith("https://127.0.0.1:"), "serve printed " + url);
      if (Files.isDirectory(Path.of("/proc/self/fd"))) {
        List<String> open = openJars(serve);
        assertTrue(open.stream().anyMatch(j -> j.endsWith("/cds-ext.jar")), "cds-ext.jar not open: " + open);
      }
      String log = Files.readString(dir.resolve("classes.log"));
      assertTrue(Pattern.compile("\\] org\\.bouncycastle\\.\\S+ source: file:\\S+/cds-ext\\.jar").matcher(log).find(),
          "BouncyCastle not loaded from cds-ext.jar");
      Run discover = run(launcher, Map.of(), dir, "discover", url, "--cacert",
          dir.resolve("cds/" + ServeTlsOptions.CA_FILE).toString(), "--output", "json");
      assertEquals(0, discover.code(), discover::toString);
      assertTrue(discover.out().contains("order-dispatch-crd"), discover::toString);
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The jars (by path) the process or its children (a launcher that records its archive) have open. */
  private static List<String> openJars(Process p) {
    List<ProcessHandle> all = new ArrayList<>(List.of(p.toHandle()));
    p.descendants().forEach(all::add);
    List<String> jars = new ArrayList<>();
    for (ProcessHandle h : all) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(h.pid()), "fd"))) {
        for (Path fd : fds.toList()) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.endsWith(".jar")) {
              jars.add(target);
            }
          } catch (IOException closed) {
            // closed between the listing and the read
          }
        }
      } catch (IOException gone) {
        // the process ended or exec'ed
      }
    }
    return jars;
  }

  /** The control for the proxy entry: top-level help still reads picocli's own annotations. */
  @Test
  void topLevelHelpDoesReadAnnotations() throws Exception {
    Run r = run(LAUNCHER, VERBOSE_CLASS, PROJECT, "--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("] jdk.proxy"), "expected annotation proxies in -verbose:class output\n" + r);
    assertTrue(FORBIDDEN.matcher(r.out()).find(), r::toString);
  }

  /** The control for the JCA entry: a key is made through the provider list. */
  @Test
  void keysGenerateDoesLoadTheProviderList(@TempDir Path dir) throws Exception {
    Run r = run(LAUNCHER, VERBOSE_CLASS, dir, "keys", "generate", "--out", dir.resolve("keys").toString());
    assertTrue(r.out().contains("] sun.security.jca."), "expected JCA classes in -verbose:class output\n" + r);
    assertTrue(FORBIDDEN.matcher(r.out()).find(), r::toString);
  }

  /** A linked call site of cds's own, as -Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true prints it. */
  private static final Pattern OWN_CALL_SITE = Pattern.compile("(?m)^linkCallSite dev\\.cds\\..*$");

  /**
   * init, discover and plain calls (a service id and a hook with two services, JSON and pretty
   * output, fresh and cached discovery, a CRD service) link no invokedynamic call site of cds's own:
   * on JDK 17 each lambda or method reference costs about 0.2 ms the first time its call site runs
   * (LambdaMetafactory's bootstrap, interpreted), even with the class-data archive. So the code on
   * these paths uses loops and small named classes; a lambda added there fails this test.
   */
  @Test
  void initDiscoverAndCallLinkNoCallSiteOfTheirOwn(@TempDir Path cache) throws Exception {
    List<ServiceDefinition> definitions = new ArrayList<>(ServiceDefinitions.load(PROJECT.resolve("examples/services")));
    ServiceDefinition reminders = definitions.stream().filter(d -> d.id().equals("patient-view-reminders"))
        .findFirst().orElseThrow();
    definitions.add(new ServiceDefinition("patient-view-second", reminders.hook(), reminders.title(),
        reminders.description(), reminders.prefetch(), reminders.extension(), reminders.hookVersion(),
        reminders.response(), reminders.rules(), reminders.shaping()));
    try (CdsServer two = new CdsServer(definitions, null, Clock.systemUTC()).start("127.0.0.1", 0, 2)) {
      String url = two.baseUrl();
      String patientView = "examples/contexts/patient-view.json";
      List<List<String>> commands = List.of(
          List.of("init", "order-dispatch"),
          List.of("discover", url),
          List.of("discover", url, "--output", "json"),
          List.of("call", "patient-view-reminders", "--base", url, "--context", patientView, "--output", "json", "--refresh"),
          List.of("call", "patient-view-reminders", "--base", url, "--context", patientView, "--output", "pretty"),
          List.of("call", "patient-view", "--base", url, "--context", patientView, "--output", "json"),
          List.of("call", "patient-view", "--base", url, "--context", patientView, "--output", "pretty", "--refresh"),
          List.of("call", "order-dispatch", "--base", url, "--context", "examples/contexts/order-dispatch.json",
              "--output", "pretty"));
      Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(),
          "JAVA_OPTS", "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true");
      for (List<String> command : commands) {
        Run r = run(LAUNCHER, env, PROJECT, command.toArray(String[]::new));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("linkCallSite "), "no linkage trace from " + command + "\n" + r);
        List<String> own = new ArrayList<>();
        OWN_CALL_SITE.matcher(r.out()).results().forEach(m -> own.add(m.group()));
        assertTrue(own.isEmpty(), () -> "cds " + String.join(" ", command) + " links " + own.size()
            + " call site(s) of its own (a lambda, method reference or stream on its path):\n" + String.join("\n", own));
      }
    }
  }

  /** With nothing that needs it, init and call do not even start the trace. */
  @Test
  void startupTracePrintsMarksOnStderrOnlyWhenAsked() throws Exception {
    Run quiet = run(LAUNCHER, Map.of(), PROJECT, "init", "order-dispatch");
    assertFalse(quiet.err().contains("start-up trace"), quiet::toString);
    Run traced = run(LAUNCHER, Map.of(StartupTrace.VARIABLE, "1"), PROJECT, "init", "order-dispatch");
    assertEquals(0, traced.code(), traced::toString);
    assertTrue(traced.err().contains("start-up trace") && traced.err().contains("picocli model of init"), traced::toString);
    // the launcher notes its own start, so the launch is measured, not guessed from the OS's start time
    java.util.regex.Matcher launch = java.util.regex.Pattern.compile("launch\\s+([0-9.]+)\\s+\\(launcher start to main")
        .matcher(traced.err());
    assertTrue(launch.find(), traced::toString);
    double ms = Double.parseDouble(launch.group(1));
    assertTrue(ms > 1 && ms < 30_000, "a launch of " + ms + " ms: " + traced.err());
    assertEquals("order-dispatch", Json.parse(traced.out(), "stdout").path("hook").asText(), traced::toString);
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

  /** The shell's terminal facts reach Java as properties; under a test both streams are pipes. */
  @Test
  void launcherTellsJavaWhetherStdinAndStdoutAreTerminals() throws Exception {
    Run r = run(LAUNCHER, Map.of("JAVA_OPTS", "-XshowSettings:properties"), PROJECT, "--version");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("cds.stdin.tty = false"), r::toString);
    assertTrue(r.err().contains("cds.stdout.tty = false"), r::toString);
  }

  /** No java on PATH and no JAVA_HOME: one line that says what to do, and 127 (the shell's "not found"). */
  @Test
  void launcherWithoutJavaSaysWhatToInstall(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("readlink", "dirname", "cksum", "cut", "mkdir")) {
      Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
          .findFirst().orElseThrow();
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Run r = run(LAUNCHER, Map.of("PATH", bin.toString(), "JAVA_HOME", ""), dir, "--version");
    assertEquals(127, r.code(), r::toString);
    assertEquals("cds needs Java 17 or newer: install it or set JAVA_HOME\n", r.err(), r::toString);
    assertEquals("", r.out(), r::toString);
  }

  /**
   * A release install (bin/cds, lib/cds.jar, no archive): --version leaves no archive behind, the
   * first command records one for this jar and JDK into XDG_CACHE_HOME/cds without a word on stdout,
   * and the next run loads cds from it.
   */
  @Test
  void releaseLayoutRecordsItsArchiveOnTheFirstCommandAndUsesItAfterwards(@TempDir Path dir) throws Exception {
    Path bin = releaseInstall(dir);
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Run version = run(bin.resolve("cds"), env, dir, "--version");
    assertEquals(0, version.code(), version::toString);
    assertEquals(List.of(), archives(cache), "--version recorded an archive");
    Run first = run(bin.resolve("cds"), env, dir, "init", "patient-view");
    assertEquals(0, first.code(), first::toString);
    assertEquals("patient-view", Json.parse(first.out(), "stdout").path("hook").asText(), first::toString);
    assertEquals("", first.err(), first::toString);
    List<Path> recorded = archives(cache);
    assertEquals(1, recorded.size(), () -> "archives: " + recorded);
    Map<String, String> verbose = Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_OPTS", "-verbose:class");
    Run second = run(bin.resolve("cds"), verbose, dir, "init", "patient-view");
    assertEquals(0, second.code(), second::toString);
    assertTrue(MAIN_SHARED.matcher(second.out()).find(), "cds.cli.Main not loaded from the archive\n" + second);
    // recorded by a first init, the archive still serves call: the recording run trained it
    Run call = run(bin.resolve("cds"), verbose, dir, "call", "patient-view", "--base", base, "--output", "json",
        "--set", "context.patientId=1");
    assertEquals(0, call.code(), call::toString);
    for (String hot : List.of("dev.cds.call.HookCall", "dev.cds.http.UrlConnectionTransport", "dev.cds.client.Discovery")) {
      assertTrue(Pattern.compile("\\] " + Pattern.quote(hot) + " source: shared objects file").matcher(call.out()).find(),
          hot + " not loaded from the archive a first init recorded\n" + call);
    }
  }

  /**
   * The run that records the archive (JDK 17 and 18) keeps the JVM as the launcher's child, to move
   * the archive into place once the JVM has exited: stdin still reaches cds ({@code --context -}),
   * and a signal to the launcher reaches the JVM too, so a stopped {@code cds serve} leaves no JVM
   * running behind it.
   */
  @Test
  void recordingRunPassesStdinAndSignalsOnToTheJvm(@TempDir Path dir) throws Exception {
    Path bin = releaseInstall(dir);
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Process call = builder(bin.resolve("cds"), env, dir, "call", "patient-view", "--base", base,
        "--context", "-", "--output", "json")
        .redirectInput(PROJECT.resolve("examples/contexts/patient-view.json").toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(call.waitFor(60, TimeUnit.SECONDS), "the recording call did not end");
    assertEquals(0, call.exitValue(), out);
    assertTrue(out.contains("\"cards\""), out);
    assertEquals(1, archives(cache).size(), "the first call recorded no archive");
    assumeTrue(recordsAtExit(), "this JDK records its archive itself: the launcher runs no child");

    for (Path archive : archives(cache)) {
      Files.delete(archive); // the next command records again
    }
    Process serve = builder(bin.resolve("cds"), env, dir, "serve", PROJECT.resolve("examples/services").toString(),
        "--port", "0", "--quiet").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<ProcessHandle> jvms;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String url = lines.readLine();
      assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "serve printed " + url);
      jvms = serve.descendants().toList();
      assertFalse(jvms.isEmpty(), "the recording launcher runs no child JVM");
      serve.destroy(); // SIGTERM to the launcher script only
      assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "the launcher did not end on SIGTERM");
    } finally {
      serve.descendants().forEach(ProcessHandle::destroyForcibly);
      serve.destroyForcibly();
    }
    for (ProcessHandle jvm : jvms) {
      jvm.onExit().get(30, TimeUnit.SECONDS);
      assertFalse(jvm.isAlive(), "the JVM outlived its launcher: " + jvm.info().commandLine().orElse("?"));
    }
    assertEquals(List.of(), archives(cache), "an interrupted recording left an archive");
  }

  /** A release install in {@code dir} as the jar archive lays it out: bin/cds and lib/cds.jar (no archive yet). */
  private static Path releaseInstall(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.copy(PROJECT.resolve("src/main/sh/cds"), bin.resolve("cds"));
    bin.resolve("cds").toFile().setExecutable(true);
    Files.copy(PROJECT.resolve("target/cds.jar"), lib.resolve("cds.jar"));
    return bin;
  }

  /** Whether the JDK running the tests is one the launcher records an archive for at exit (17, 18). */
  private static boolean recordsAtExit() {
    return Runtime.version().feature() < 19;
  }

  /**
   * A release install with both jars validates FHIR and serves TLS; one whose cds-ext.jar is gone
   * still runs init, and says in one line (exit 70, not the user's input) which file is missing
   * and what to do, for validation and TLS alike.
   */
  @Test
  void releaseLayoutFindsTheExtensionJarBesideCdsJarAndSaysWhenItIsMissing(@TempDir Path dir) throws Exception {
    Path bin = releaseInstall(dir);
    Path lib = dir.resolve("lib");
    Files.copy(PROJECT.resolve("target/cds-ext.jar"), lib.resolve("cds-ext.jar"));
    Path request = PROJECT.resolve("examples/requests/order-dispatch.json");
    Run valid = run(bin.resolve("cds"), Map.of(), dir, "validate", request.toString());
    assertEquals(0, valid.code(), valid::toString);
    assertServesTls(bin.resolve("cds"), Files.createDirectories(dir.resolve("tls")));

    Files.delete(lib.resolve("cds-ext.jar"));
    Run init = run(bin.resolve("cds"), Map.of(), dir, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertEquals("order-dispatch", Json.parse(init.out(), "stdout").path("hook").asText(), init::toString);
    String missing = lib.toRealPath().resolve("cds-ext.jar") + ", which is missing from this install of cds: reinstall cds\n";
    Run validate = run(bin.resolve("cds"), Map.of(), dir, "validate", request.toString());
    assertEquals(70, validate.code(), validate::toString);
    assertEquals("cds: FHIR validation needs " + missing, validate.err(), validate::toString);
    assertEquals("", validate.out(), validate::toString);
    Run tls = run(bin.resolve("cds"), Map.of("XDG_CONFIG_HOME", dir.toString()), dir,
        "serve", PROJECT.resolve("examples/services").toString(), "--port", "0", "--tls", "self-signed");
    assertEquals(70, tls.code(), tls::toString);
    assertEquals("cds: https (cds serve's TLS) needs " + missing, tls.err(), tls::toString);
  }

  private static List<Path> archives(Path cache) throws IOException {
    Path dir = cache.resolve("cds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jsa")).toList();
    }
  }

  /** What the image carries besides the runtime, and what it no longer does (jpackage's native launcher). */
  @Test
  void appImageCarriesLicenceManPagesCompletionsAndNothingUnused() throws Exception {
    assumeTrue(Files.isExecutable(IMAGE_LAUNCHER), "no app image: build it with -Pjpackage or CDS_IT_JPACKAGE=1");
    assertEquals(Files.readString(PROJECT.resolve("LICENSE")), Files.readString(IMAGE.resolve("LICENSE")));
    assertTrue(Files.isRegularFile(IMAGE.resolve("share/bash-completion/completions/cds")));
    assertTrue(Files.isRegularFile(IMAGE.resolve("share/zsh/vendor-completions/_cds")));
    if (Files.isDirectory(PROJECT.resolve("target/man/man1"))) {
      assertTrue(Files.isRegularFile(IMAGE.resolve("share/man/man1/cds.1.gz")), "no man page in the image");
      assertTrue(Files.isRegularFile(IMAGE.resolve("share/man/man1/cds-call.1.gz")), "no man page in the image");
    }
    for (String unused : List.of("lib/libapplauncher.so", "lib/cds.png", "lib/app/cds.cfg",
        "lib/runtime/lib/server/classes_nocoops.jsa")) {
      assertFalse(Files.exists(IMAGE.resolve(unused)), unused + " is shipped");
    }
    Run version = run(IMAGE_LAUNCHER, Map.of("JAVA_OPTS", "-XshowSettings:properties"), PROJECT, "--version");
    assertEquals(0, version.code(), version::toString);
    assertTrue(version.out().startsWith("cds " + version() + "\n"), version::toString);
    assertTrue(version.err().contains("cds.stdout.tty = false"), version::toString);
  }

  @Test
  void appImageRunsInitCallServeAndValidateFromAnywhere(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(IMAGE_LAUNCHER), "no app image: build it with -Pjpackage");
    // before JDK 25 the image's launcher records its archive on the first command
    run(IMAGE_LAUNCHER, Map.of(), dir, "init", "order-dispatch");
    Run init = run(IMAGE_LAUNCHER, VERBOSE_CLASS, dir, "init", "order-dispatch");
    assertEquals(0, init.code(), init::toString);
    assertNoHapi(init);
    // the class-data cache recorded for the image's runtime is used, and the JVM stays quiet
    assertTrue(MAIN_SHARED.matcher(init.out()).find(), "cds.cli.Main not loaded from the image's cache\n" + init);
    assertEquals("", init.err(), init::toString);
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
    // HAPI from the image's cds-ext.jar, which is on no class path
    Run verbose = run(IMAGE_LAUNCHER, VERBOSE_CLASS, dir, "validate", broken.toString());
    assertTrue(verbose.out().contains("] ca.uhn.fhir.context.FhirContext source: file:"
        + IMAGE.resolve("lib/app/cds-ext.jar").toRealPath()), verbose::toString);
    assertFalse(FROM_EXT_JAR.matcher(init.out()).find(), init::toString);
    assertFalse(FROM_EXT_JAR.matcher(call.out()).find(), call::toString);
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

  /** The image's launcher keeps cds-ext.jar off the class path, and serve --tls finds it. */
  @Test
  void appImageServesTlsAndCallLeavesTheExtensionJarClosed(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(IMAGE_LAUNCHER), "no app image: build it with -Pjpackage or CDS_IT_JPACKAGE=1");
    assertTrue(Files.isRegularFile(IMAGE.resolve("lib/app/cds-ext.jar")), "no lib/app/cds-ext.jar in the image");
    assertFalse(Files.readString(IMAGE_LAUNCHER).contains("cds-ext.jar\""), "cds-ext.jar on the launcher's class path");
    assertServesTls(IMAGE_LAUNCHER, dir);
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc");
    assertCallLeavesTheExtensionJarClosed(IMAGE_LAUNCHER, dir);
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

  /** Neither HAPI nor any other package of {@link #FORBIDDEN_ON_INIT_AND_CALL}. */
  private static void assertNoHapi(Run r) {
    List<String> loaded = new ArrayList<>();
    FORBIDDEN.matcher(r.out()).results().limit(5).forEach(m -> loaded.add(m.group()));
    assertTrue(loaded.isEmpty(), "classes init/call should not load: " + loaded);
    assertTrue(r.out().contains("] dev.cds.cli.Main source:"), "no -verbose:class output: " + r);
    assertTrue(r.out().contains("] dev.cds.cli.GeneratedCommandModels source:"), "not the generated model: " + r);
  }

  /** The launcher with these arguments, environment (an empty value removes the variable) and folder. */
  private static ProcessBuilder builder(Path launcher, Map<String, String> env, Path cwd, String... args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().remove("JAVA_OPTS");
    pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
    env.forEach((k, v) -> {
      if (v.isEmpty()) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    return pb;
  }

  private static Run run(Path launcher, Map<String, String> env, Path cwd, String... args)
      throws IOException, InterruptedException {
    List<String> command = List.of(args);
    Path out = Files.createTempFile("cds-it", ".out");
    Path err = Files.createTempFile("cds-it", ".err");
    try {
      Process p = builder(launcher, env, cwd, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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
