package dev.cds.cli;

import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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

  private Training() {}

  public static void main(String[] args) {
    Path services = Path.of(args.length > 0 ? args[0] : "examples/services");
    int failures = 0;
    try (CdsServer server = new CdsServer(ServiceDefinitions.load(services), null, Clock.systemUTC())
        .start("127.0.0.1", 0, 2)) {
      String base = server.baseUrl();
      failures += run(false, "init", "order-dispatch");
      failures += run(true, "init", "order-sign", "--fhir-version", "STU3", "--set", "context.userId=Practitioner/1");
      failures += run(false, "call", "patient-view", "--base", base, "--context", "-");
      failures += run(true, "call", "patient-view", "--base", base, "--context", "-");
      failures += run(false, "call", "order-dispatch", "--base", base);
      failures += run(false, "discover", base);
      failures += run(false, "hooks");
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private static int run(boolean terminal, String... args) {
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(
        new PrintWriter(new StringWriter()), new PrintWriter(err),
        new ByteArrayInputStream(CONTEXT.getBytes(StandardCharsets.UTF_8)),
        Map.of(), Clock.systemUTC(), terminal, false, Path.of("/nonexistent/cds-training"));
    int code = Main.run(args, ctx);
    if (code != 0) {
      System.err.println("training: cds " + String.join(" ", args) + " exited " + code + ": " + err);
      return 1;
    }
    return 0;
  }
}
