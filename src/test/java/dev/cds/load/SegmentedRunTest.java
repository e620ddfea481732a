package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.Authorizer;
import dev.cds.client.HookCaller;
import dev.cds.http.TlsSettings;
import dev.cds.core.Json;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four segments of one run, each a runner of its own with its own client and log, as the pods of
 * an Indexed Job would be, against the example services: together they are the single run.
 */
class SegmentedRunTest {
  /** One segment's run, with every latency it records also handed to {@code tap}. */
  private static ServiceLoad segment(String base, LoadPlan plan, Path log, Instant logStart, LoadRunner.Watcher tap) {
    HookCaller.Target target = LoadRunnerTest.target("order-dispatch-crd", "order-dispatch");
    try (IntervalLog intervals = IntervalLog.create(log, logStart, plan.segment())) {
      return new LoadRunner(LoadRunnerTest.client(base, Authorizer.NONE, Duration.ofSeconds(10)), plan, tap,
          TlsSettings.defaults(), Clock.systemUTC(), intervals, KeepAliveConnection.DEFAULT_MAX_RESPONSE_BYTES,
          AnswerCheck.NONE)
          .run(List.of(target)).get(0);
    }
  }

  /** Every hookInstance the server recorded, one per request it served. */
  private static List<String> served(Path dir) throws Exception {
    List<String> instances = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        JsonNode sent = Json.parse(Files.readString(f), f.toString());
        instances.add(sent.path("hookInstance").asText());
      }
    }
    return instances;
  }

  @Test
  void fourSegmentsServeTheRunOnceAndMergeToItsExactHistogram(@TempDir Path dir) throws Exception {
    long total = 402;
    Path recorded = Files.createDirectories(dir.resolve("served"));
    Histogram one = new Histogram(Tally.DIGITS);
    LoadRunner.Watcher tap = new LoadRunner.Watcher() {
      @Override
      public void started(String service, LoadPlan plan, LoadRunner.Live live) {}

      @Override
      public void finished() {}

      @Override
      public void answered(long micros) {
        synchronized (one) {
          one.recordValue(micros);
        }
      }
    };
    ExecutorService processes = Executors.newFixedThreadPool(4);
    try (CdsServer server = TestServices.unstarted().record(recorded).start("127.0.0.1", 0, 8)) {
      List<Future<ServiceLoad>> runs = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        LoadPlan plan = new LoadPlan(total, null, 2, 0, new Segment(i, 4), null);
        Path log = dir.resolve(i + ".hlog");
        logs.add(log);
        runs.add(processes.submit(() -> segment(server.baseUrl(), plan, log, Instant.now(), tap)));
      }
      long sum = 0;
      for (int i = 0; i < 4; i++) {
        ServiceLoad r = runs.get(i).get();
        assertEquals(0, r.errors(), r.errorKinds()::toString);
        assertEquals(new Segment(i, 4).share(total), r.requests());
        sum += r.requests();
      }
      assertEquals(total, sum);

      List<String> instances = served(recorded);
      assertEquals(total, instances.size(), "the server served exactly the run's requests");
      assertEquals(total, new HashSet<>(instances).size(), "no hookInstance repeats across segments");

      LogMerge.Merged merged = LogMerge.merge(logs);
      ServiceLoad m = merged.services().get(0);
      assertEquals(total, m.requests());
      assertEquals(0, m.errors());
      assertEquals(total, one.getTotalCount());
      assertEquals(ServiceLoad.Latency.of(one), m.latency(),
          "count, min, p50, p90, p95, p99 and max of the merge are those of one histogram of the same latencies");
    } finally {
      processes.shutdownNow();
    }
  }

  @Test
  void segmentsStartedApartShareOneScheduleFromTheStartTime(@TempDir Path dir) throws Exception {
    ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    Instant start = Instant.now().plusMillis(700);
    ExecutorService processes = Executors.newFixedThreadPool(2);
    try (CdsServer server = TestServices.unstarted()
        .gate((ex, audience) -> {
          arrivals.add(System.currentTimeMillis());
          return Optional.empty();
        })
        .start("127.0.0.1", 0, 4)) {
      List<Future<ServiceLoad>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        LoadPlan plan = new LoadPlan(20, null, 2, 40, new Segment(i, 2), start);
        Path log = dir.resolve(i + ".hlog");
        runs.add(processes.submit(() -> segment(server.baseUrl(), plan, log, start, LoadRunner.Watcher.NONE)));
        Thread.sleep(250);
      }
      for (Future<ServiceLoad> run : runs) {
        assertEquals(10, run.get().requests());
      }
      List<Long> times = new ArrayList<>(arrivals);
      times.sort(null);
      assertEquals(20, times.size());
      assertTrue(times.get(0) >= start.toEpochMilli() - 5, "nothing before the start: " + (times.get(0) - start.toEpochMilli()));
      // 20 requests at 40/s: the last is due 475 ms after the start, and cannot leave before
      long last = times.get(19) - start.toEpochMilli();
      assertTrue(last >= 470 && last < 3000, "the last request arrived " + last + " ms after the start");
      for (int i = 0; i < 2; i++) {
        List<String> lines = Files.readAllLines(dir.resolve(i + ".hlog"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"startMs\":" + start.toEpochMilli())), lines::toString);
      }
    } finally {
      processes.shutdownNow();
    }
  }
}
