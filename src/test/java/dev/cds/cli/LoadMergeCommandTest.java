package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.LoopbackServers;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of a run spread over an Indexed Job, played locally: four {@code cds call --segment}
 * runs side by side, each on its own context and streams as a process would be, then
 * {@code cds load merge} over their logs.
 */
class LoadMergeCommandTest extends LoopbackServers {
  /** Runs {@code args} once per segment, all four at once; the results in segment order. */
  static List<Cli.Result> segments(int count, IntFunction<String[]> args) throws Exception {
    ExecutorService processes = Executors.newFixedThreadPool(count);
    try {
      List<Future<Cli.Result>> runs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String[] a = args.apply(i);
        runs.add(processes.submit(() -> cli().run(a)));
      }
      List<Cli.Result> out = new ArrayList<>();
      for (Future<Cli.Result> f : runs) {
        out.add(f.get());
      }
      return out;
    } finally {
      processes.shutdownNow();
    }
  }

  private static String[] logs(Path dir, int count) {
    String[] files = new String[count];
    for (int i = 0; i < count; i++) {
      files[i] = dir.resolve(i + ".hlog").toString();
    }
    return files;
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void fourSegmentRunsServeTheRunOnceAndMergeIntoItsReport(@TempDir Path dir) throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    int total = 203;
    try (CdsServer server = TestServices.unstarted().record(served).start("127.0.0.1", 0, 8)) {
      List<Cli.Result> runs = segments(4, i -> new String[] {"call", "order-dispatch", "--base", server.baseUrl(),
          "--repeat", String.valueOf(total), "--concurrency", "2", "--segment", i + "/4",
          "--histogram-log", dir.resolve(i + ".hlog").toString(), "--output", "json"});
      for (int i = 0; i < 4; i++) {
        assertEquals(0, runs.get(i).code(), runs.get(i)::toString);
        assertEquals(i < 3 ? 51 : 50, Json.parse(runs.get(i).out(), "out").path("requests").asLong(), "203 = 51+51+51+50");
      }
    }
    List<String> instances = new ArrayList<>();
    try (Stream<Path> files = Files.list(served)) {
      for (Path f : files.toList()) {
        instances.add(Json.parse(Files.readString(f), f.toString()).path("hookInstance").asText());
      }
    }
    assertEquals(total, instances.size(), "served exactly the run's requests");
    assertEquals(total, new HashSet<>(instances).size(), "no hookInstance repeats");

    Cli.Result merged = cli().run(concat(new String[] {"load", "merge"}, concat(logs(dir, 4), "--output", "json")));
    assertEquals(0, merged.code(), merged::toString);
    JsonNode report = Json.parse(merged.out(), "out");
    assertEquals("order-dispatch-crd", report.path("service").asText());
    assertEquals("order-dispatch", report.path("hook").asText());
    assertEquals(total, report.path("requests").asLong());
    assertEquals(0, report.path("errors").asLong());
    assertTrue(report.path("throughput").asDouble() > 0);

    // the same latencies in one histogram, read with HdrHistogram's own reader
    Histogram one = new Histogram(3);
    for (String log : logs(dir, 4)) {
      try (HistogramLogReader reader = new HistogramLogReader(log)) {
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
          one.add((Histogram) h);
        }
      }
    }
    assertEquals(total, one.getTotalCount());
    JsonNode ms = report.path("latencyMs");
    assertEquals(BigDecimal.valueOf(one.getMinValue(), 3), ms.path("min").decimalValue());
    for (int p : new int[] {50, 90, 95, 99}) {
      assertEquals(BigDecimal.valueOf(one.getValueAtPercentile(p), 3), ms.path("p" + p).decimalValue(), "p" + p);
    }
    assertEquals(BigDecimal.valueOf(one.getMaxValue(), 3), ms.path("max").decimalValue());
  }

  @Test
  void signedSegmentsNeverRepeatAJti(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    assertEquals(0, cli().run("keys", "generate", "--out", keys.toString()).code());
    String iss = "https://ehr.example";
    Set<String> jtis = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    try (CdsServer server = TestServices.unstarted()
        .gate(JwtGate.of(keys.resolve("jwks.json").toString(), iss, Clock.systemUTC(), new PrintWriter(new StringWriter())))
        .gate((ex, audience) -> {
          String jwt = ex.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
          String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
              StandardCharsets.UTF_8);
          if (ex.getRequestMethod().equals("POST")) {
            calls.incrementAndGet();
            jtis.add(Json.parse(claims, "claims").path("jti").asText());
          }
          return Optional.empty();
        })
        .start("127.0.0.1", 0, 8)) {
      List<Cli.Result> runs = segments(4, i -> new String[] {"call", "order-dispatch-crd", "--base", server.baseUrl(),
          "--key", keys.resolve("private-key.pem").toString(), "--iss", iss, "--repeat", "120", "--concurrency", "2",
          "--segment", i + "/4", "--output", "json"});
      runs.forEach(r -> assertEquals(0, r.code(), r::toString));
    }
    assertEquals(120, calls.get());
    assertEquals(120, jtis.size(), "a fresh jti on every request of every segment (the gate also refuses a replay)");
  }

  @Test
  void mergeTakesTheLatencyGatesAndPrintsTheTable(@TempDir Path dir) throws Exception {
    List<Cli.Result> runs = segments(2, i -> new String[] {"call", "order-dispatch-crd", "--base", examples.baseUrl(),
        "--repeat", "40", "--segment", i + "/2", "--histogram-log", dir.resolve(i + ".hlog").toString(), "--output", "json"});
    runs.forEach(r -> assertEquals(0, r.code(), r::toString));
    String[] files = logs(dir, 2);

    Cli.Result over = cli().run(concat(new String[] {"load", "merge"}, concat(files, "--fail-on-p90", "0ms", "--output", "json")));
    assertEquals(1, over.code(), over::toString);
    assertTrue(over.err().contains("order-dispatch-crd: p90 ") && over.err().contains("is over --fail-on-p90 0.00ms"), over.err());

    Cli.Result under = cli().run(concat(new String[] {"load", "merge"}, concat(files, "--fail-on-p90", "1m", "--fail-on-p95", "1m", "--output", "pretty")));
    assertEquals(0, under.code(), under::toString);
    assertTrue(under.out().startsWith("SERVICE") && under.out().contains("P90") && under.out().contains("order-dispatch-crd"),
        under.out());

    Cli.Result p95 = cli().run(concat(new String[] {"load", "merge"}, concat(files, "--fail-on-p95", "0ms")));
    assertEquals(1, p95.code(), p95::toString);
    assertTrue(p95.err().contains("is over --fail-on-p95"), p95.err());

    Cli.Result half = cli().run("load", "merge", files[1]);
    assertEquals(0, half.code(), half::toString);
    assertTrue(half.err().contains("no log of segment 0/2"), half.err());
  }

  @Test
  void failedRequestsInAnySegmentFailTheMerge(@TempDir Path dir) throws Exception {
    List<Cli.Result> runs = segments(2, i -> new String[] {"call", "html500", "--base", faults.base(),
        "--repeat", "9", "--segment", i + "/2", "--histogram-log", dir.resolve(i + ".hlog").toString(), "--output", "json"});
    runs.forEach(r -> assertEquals(4, r.code(), r::toString));
    Cli.Result merged = cli().run(concat(new String[] {"load", "merge"}, concat(logs(dir, 2), "--output", "pretty")));
    assertEquals(4, merged.code(), merged::toString);
    assertTrue(merged.out().contains("html500 errors: http 500: 9"), merged.out());
    assertTrue(merged.err().contains("html500: 9 of 9 requests failed"), merged.err());
  }

  @Test
  void badLogsAndMissingArgumentsAreRefused(@TempDir Path dir) throws Exception {
    Cli.Result none = cli().run("load", "merge");
    assertEquals(2, none.code(), none::toString);
    Cli.Result noSub = cli().run("load");
    assertEquals(2, noSub.code(), noSub::toString);
    Cli.Result absent = cli().run("load", "merge", dir.resolve("absent.hlog").toString());
    assertEquals(3, absent.code(), absent::toString);
    assertTrue(absent.err().contains("cannot read"), absent.err());
    Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    Cli.Result text = cli().run("load", "merge", notes.toString());
    assertEquals(3, text.code(), text::toString);
    assertTrue(text.err().contains("not a load log written by cds") && !text.err().contains("\tat "), text.err());
  }

  @Test
  void segmentOptionsThatCannotBeHonouredAreUsageErrors(@TempDir Path dir) {
    String base = examples.baseUrl();
    assertUsage("invalid --segment: '4/4' is out of range", "call", "order-dispatch", "--base", base, "--repeat", "8",
        "--segment", "4/4");
    assertUsage("--segment belongs to a load run", "call", "order-dispatch", "--base", base, "--segment", "0/2");
    assertUsage("--segment, --histogram-log belong to a load run", "call", "order-dispatch", "--base", base,
        "--segment", "0/2", "--histogram-log", dir.resolve("x.hlog").toString());
    assertUsage("--repeat 3 leaves segment 3/4 without requests", "call", "order-dispatch", "--base", base,
        "--repeat", "3", "--segment", "3/4");
    assertUsage("invalid --start-at: 'tomorrow' is not a time", "call", "order-dispatch", "--base", base,
        "--repeat", "3", "--start-at", "tomorrow");
    assertUsage("--start-at 2020-01-01T00:00:00Z passed", "call", "order-dispatch", "--base", base,
        "--repeat", "3", "--start-at", "2020-01-01T00:00:00Z");
    assertUsage("--histogram-log needs a file", "call", "order-dispatch", "--base", base, "--repeat", "3",
        "--histogram-log", "-");
    Cli.Result noFolder = cli().run("call", "order-dispatch", "--base", base, "--repeat", "3",
        "--histogram-log", dir.resolve("missing/0.hlog").toString());
    assertEquals(3, noFolder.code(), noFolder::toString);
    assertTrue(noFolder.err().contains("there is no folder"), noFolder.err());
  }

  @Test
  void startAtTakesRfc3339OrEpochSeconds() {
    Instant t = Instant.parse("2026-03-01T09:00:00Z");
    assertEquals(t, LoadOptions.instant("2026-03-01T09:00:00Z"));
    assertEquals(t, LoadOptions.instant("2026-03-01T10:00:00+01:00"));
    assertEquals(t, LoadOptions.instant("2026-03-01 09:00:00z"));
    assertEquals(t, LoadOptions.instant(String.valueOf(t.getEpochSecond())));
    assertEquals(t.plusMillis(250), LoadOptions.instant(t.getEpochSecond() + ".25"));
  }

  private static void assertUsage(String message, String... args) {
    Cli.Result r = cli().run(args);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(message), r.err());
  }
}
