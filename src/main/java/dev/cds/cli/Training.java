package dev.cds.cli;

import dev.cds.core.AtomicFiles;
import dev.cds.core.RandomIds;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;

/**
 * The workload recorded into the class-data archive at package time (AppCDS before JDK 25, the AOT
 * cache from 25): the commands users run in loops, against an in-process service, in one JVM.
 * Not a user command: {@code java -XX:ArchiveClassesAtExit=cds.jsa -cp cds.jar
 * dev.cds.cli.Training examples/services}. Exits non-zero when a command fails, so that a broken
 * hot path breaks the build instead of silently shrinking the archive.
 */
public final class Training {
  private static final String CONTEXT = "{\"userId\":\"Practitioner/abc\",\"patientId\":\"1288992\"}";

  /** {@code -Dcds.training.terminal=false}: every run without a terminal. */
  static final String TERMINAL = "cds.training.terminal";
  /**
   * {@code -Dcds.training.base=URL}: call a server running elsewhere (serving the example
   * services) instead of one in this JVM, so that none of the server's classes are recorded: the
   * JDK 25 AOT cache loads every class it holds at every start.
   */
  static final String BASE = "cds.training.base";

  private Training() {}

  public static void main(String[] args) {
    Path services = Path.of(args.length > 0 ? args[0] : "examples/services");
    System.exit(workload(services, System.err) == 0 ? 0 : 1);
  }

  /**
   * The recorded commands, against the services defined in {@code services}; the number that
   * failed, each reported on {@code errors}.
   */
  static int workload(Path services, PrintStream errors) {
    int failures = 0;
    // runs on a terminal (JLine) are left out of the JDK 25 AOT cache, which loads every class it
    // holds at every start: scripts and CI, the runs that repeat, have no terminal
    boolean terminal = !"false".equals(System.getProperty(TERMINAL));
    // what Main.main does before Main.run: its classes belong in the archive too
    StartupTrace.fromEnvironment(Map.of(StartupTrace.VARIABLE, "1")).mark("training");
    System.console();
    Path cache = scratchFolder("cds-training-cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    String given = System.getProperty(BASE);
    if (given != null) {
      failures += commands(errors, env, terminal, given);
    } else {
      try (CdsServer server = new CdsServer(ServiceDefinitions.load(services), null, Clock.systemUTC())
          .start("127.0.0.1", 0, 2)) {
        failures += commands(errors, env, terminal, server.baseUrl());
      }
    }
    deleteTree(cache);
    return failures;
  }

  private static int commands(PrintStream errors, Map<String, String> env, boolean terminal, String base) {
    int failures = 0;
    failures += run(errors, env, false, "init", "order-dispatch");
    failures += run(errors, env, terminal, "init", "order-sign", "--fhir-version", "STU3", "--set",
        "context.userId=Practitioner/1");
    failures += run(errors, env, false, "call", "patient-view", "--base", base, "--context", "-");
    failures += run(errors, env, terminal, "call", "patient-view", "--base", base, "--context", "-");
    failures += run(errors, env, false, "call", "order-dispatch", "--base", base);
    failures += run(errors, env, false, "discover", base);
    failures += run(errors, env, false, "hooks");
    return failures;
  }

  /** As {@link Main#main} runs it, warm-up thread included, with a discovery cache of its own. */
  private static int run(PrintStream errors, Map<String, String> env, boolean terminal, String... args) {
    Warmup.start(args[0]);
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(
        new PrintWriter(new StringWriter()), new PrintWriter(err),
        new ByteArrayInputStream(CONTEXT.getBytes(StandardCharsets.UTF_8)),
        env, Clock.systemUTC(), terminal, false, Path.of("/nonexistent/cds-training"));
    int code = Main.run(args, ctx);
    if (code != 0) {
      errors.println("training: cds " + String.join(" ", args) + " exited " + code + ": " + err);
      return 1;
    }
    return 0;
  }

  /**
   * A new owner-only folder under {@code java.io.tmpdir}. Not {@link Files#createTempDirectory}: its
   * name comes from SecureRandom, whose provider set-up would put the JCA into what the training
   * records, and the JDK 25 AOT cache loads every class it holds on every start.
   */
  static Path scratchFolder(String prefix) {
    return AtomicFiles.privateDirectory(Path.of(System.getProperty("java.io.tmpdir"), prefix + "-" + RandomIds.uuid()));
  }

  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
