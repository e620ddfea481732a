package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinitions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Indexed Job's shape with real processes: four launcher runs of {@code target/cds}, segments
 * 0/4 to 3/4 sharing one start time, against a local service, then {@code cds load merge}.
 */
class LoadSegmentsIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = PROJECT.resolve("target/cds");

  @Test
  void fourProcessesMakeOneRun(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "no target/cds: run mvnw package");
    Path served = Files.createDirectories(dir.resolve("served"));
    int total = 301;
    try (CdsServer server = new CdsServer(ServiceDefinitions.load(PROJECT.resolve("examples/services")), null,
        Clock.systemUTC()).record(served).start("127.0.0.1", 0, 8)) {
      // far enough ahead for four JVMs to start on a busy machine
      String start = Instant.now().plusSeconds(20).toString();
      List<Process> processes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        processes.add(new ProcessBuilder(LAUNCHER.toString(), "call", "order-dispatch", "--base", server.baseUrl(),
            "--repeat", String.valueOf(total), "--rate", "100/s", "--concurrency", "8", "--segment", i + "/4",
            "--start-at", start, "--histogram-log", dir.resolve(i + ".hlog").toString(), "--output", "json")
            .redirectOutput(dir.resolve(i + ".json").toFile())
            .redirectError(dir.resolve(i + ".err").toFile())
            .start());
      }
      for (int i = 0; i < 4; i++) {
        Process p = processes.get(i);
        assertEquals(true, p.waitFor(90, TimeUnit.SECONDS), "segment " + i + " still running");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve(i + ".err")));
      }
    }
    List<String> instances = new ArrayList<>();
    try (Stream<Path> files = Files.list(served)) {
      for (Path f : files.toList()) {
        instances.add(Json.parse(Files.readString(f), f.toString()).path("hookInstance").asText());
      }
    }
    assertEquals(total, instances.size(), "served exactly the run's requests");
    assertEquals(total, new HashSet<>(instances).size(), "no hookInstance repeats across processes");

    List<String> merge = new ArrayList<>(List.of(LAUNCHER.toString(), "load", "merge"));
    for (int i = 0; i < 4; i++) {
      merge.add(dir.resolve(i + ".hlog").toString());
    }
    merge.addAll(List.of("--fail-on-p90", "1m", "--output", "json"));
    Process p = new ProcessBuilder(merge).redirectError(dir.resolve("merge.err").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("merge.err")));
    JsonNode report = Json.parse(out, "merge");
    assertEquals(total, report.path("requests").asLong());
    assertEquals(0, report.path("errors").asLong());
    // 301 requests at 100/s from one shared start: the last is due 3 s in, so the merged window
    // (earliest start to latest end) is at least that, and the run never beat its rate
    assertEquals(true, report.path("elapsedMs").asLong() >= 2990, report::toString);
    assertEquals(true, report.path("throughput").asDouble() <= 101, report::toString);
  }
}
