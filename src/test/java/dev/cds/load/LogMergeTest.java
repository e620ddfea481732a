package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interval logs as HdrHistogram writes and reads them, and their exact merge. */
class LogMergeTest {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  /** Writes one segment's log: {@code latencies} in intervals of 500 values, and the summary. */
  private static Path write(Path dir, Segment segment, String service, List<Long> latencies, long requests,
      Map<String, Long> errorKinds, long startMs, long endMs) {
    return write(dir, segment, service, latencies, requests, errorKinds, Map.of(), startMs, endMs);
  }

  /** As above, with answers flagged by the run's checks, one kind each. */
  private static Path write(Path dir, Segment segment, String service, List<Long> latencies, long requests,
      Map<String, Long> errorKinds, Map<String, Long> flagKinds, long startMs, long endMs) {
    Path file = dir.resolve(segment.index() + ".hlog");
    try (IntervalLog log = IntervalLog.create(file, START, segment)) {
      long t = startMs;
      for (int from = 0; from < latencies.size(); from += 500) {
        Histogram h = new Histogram(Tally.DIGITS);
        latencies.subList(from, Math.min(latencies.size(), from + 500)).forEach(h::recordValue);
        h.setStartTimeStamp(t);
        h.setEndTimeStamp(t += 1000);
        log.interval(service, h);
      }
      long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
      long flagged = flagKinds.values().stream().mapToLong(Long::longValue).sum();
      log.summary(new ServiceLoad(service, "order-dispatch", requests, errors, new TreeMap<>(errorKinds),
          flagged, new TreeMap<>(flagKinds), Duration.ofMillis(endMs - startMs), null), startMs, endMs);
    }
    return file;
  }

  /** Latencies with a long tail, so that percentiles of the parts differ from those of the whole. */
  private static List<Long> latencies(int n, long seed) {
    Random r = new Random(seed);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double v = Math.exp(6 + 1.2 * r.nextGaussian());
      out.add(Math.max(1, (long) v) * (i % 97 == 0 ? 40 : 1));
    }
    return out;
  }

  @Test
  void mergedPercentilesAreThoseOfAllTheLatenciesInOneHistogram(@TempDir Path dir) {
    List<Long> all = latencies(20_003, 42);
    Histogram one = new Histogram(Tally.DIGITS);
    all.forEach(one::recordValue);
    List<Path> files = new ArrayList<>();
    List<Double> p99s = new ArrayList<>();
    long t0 = START.toEpochMilli();
    for (int i = 0; i < 4; i++) {
      Segment s = new Segment(i, 4);
      List<Long> mine = new ArrayList<>();
      for (long local = 0; local < s.share(all.size()); local++) {
        mine.add(all.get((int) s.global(local)));
      }
      Histogram part = new Histogram(Tally.DIGITS);
      mine.forEach(part::recordValue);
      p99s.add((double) part.getValueAtPercentile(99));
      files.add(write(dir, s, "order-dispatch-crd", mine, mine.size(), Map.of(), t0 + 10L * i, t0 + 40_000 + 100L * i));
    }
    LogMerge.Merged merged = LogMerge.merge(files);
    assertEquals(4, merged.segmentCount());
    assertEquals(List.of(), merged.missing());
    ServiceLoad s = merged.services().get(0);
    assertEquals(ServiceLoad.Latency.of(one), s.latency());
    assertEquals(20_003, s.latency().count());
    assertEquals(20_003, s.requests());
    assertEquals(Duration.ofMillis(40_300), s.elapsed(), "from the earliest start to the latest end");
    double averaged = p99s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertNotEquals(s.latency().p99Micros(), Math.round(averaged), "averaging the segments' p99 would be wrong here");
  }

  @Test
  void hdrHistogramsOwnToolsReadTheLog(@TempDir Path dir) throws Exception {
    List<Long> values = latencies(1200, 7);
    Path file = write(dir, Segment.WHOLE, "order-dispatch-crd", values, 1200, Map.of(), START.toEpochMilli(),
        START.toEpochMilli() + 3000);
    Map<String, Long> counts = new HashMap<>();
    try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
      for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
        counts.merge(h.getTag(), ((Histogram) h).getTotalCount(), Long::sum);
      }
    }
    assertEquals(Map.of("order-dispatch-crd", 1200L), counts);
    Path out = dir.resolve("report");
    new HistogramLogProcessor(new String[] {"-i", file.toString(), "-o", out.toString(), "-tag", "order-dispatch-crd"}).run();
    String distribution = Files.readString(dir.resolve("report.hgrm"));
    assertTrue(distribution.contains("Total count") && distribution.contains("1200"), distribution);
  }

  @Test
  void errorsAndCountsAddUpAndServiceIdsSurviveTheirTags(@TempDir Path dir) {
    String odd = "crd, v2 (é)";
    long t = START.toEpochMilli();
    Path a = write(dir, new Segment(0, 2), odd, List.of(100L, 200L), 5, Map.of("timeout", 2L, "http 503", 1L),
        Map.of("critical card", 2L), t, t + 900);
    Path b = write(dir, new Segment(1, 2), odd, List.of(300L), 4, Map.of("timeout", 3L),
        Map.of("critical card", 1L, "card.summary", 1L), t + 50, t + 1000);
    assertEquals("crd__v2____", IntervalLog.tag(odd));
    ServiceLoad s = LogMerge.merge(List.of(a, b)).services().get(0);
    assertEquals(odd, s.service());
    assertEquals("order-dispatch", s.hook());
    assertEquals(9, s.requests());
    assertEquals(6, s.errors());
    assertEquals(Map.of("timeout", 5L, "http 503", 1L), s.errorKinds());
    assertEquals(4, s.flagged());
    assertEquals(Map.of("critical card", 3L, "card.summary", 1L), s.flagKinds());
    assertEquals(3, s.latency().count());
    assertEquals(9.0, s.throughput(), 1e-9, "9 requests over the 1 s window");
  }

  @Test
  void aMissingSegmentIsReported(@TempDir Path dir) {
    long t = START.toEpochMilli();
    Path a = write(dir, new Segment(0, 3), "s", List.of(100L), 1, Map.of(), t, t + 10);
    Path c = write(dir, new Segment(2, 3), "s", List.of(100L), 1, Map.of(), t, t + 10);
    LogMerge.Merged m = LogMerge.merge(List.of(a, c));
    assertEquals(List.of(1), m.missing());
    assertEquals(3, m.segmentCount());
  }

  @Test
  void logsThatDoNotMakeOneRunAreBadInput(@TempDir Path dir) throws Exception {
    long t = START.toEpochMilli();
    Path a = write(dir, new Segment(0, 2), "s", List.of(100L), 1, Map.of(), t, t + 10);
    Path copy = Files.copy(a, dir.resolve("copy.hlog"));
    assertBadInput("both hold segment 0/2", () -> LogMerge.merge(List.of(a, copy)));

    Path other = Files.createDirectories(dir.resolve("other"));
    Path three = write(other, new Segment(1, 3), "s", List.of(100L), 1, Map.of(), t, t + 10);
    assertBadInput("run in 2 segments", () -> LogMerge.merge(List.of(a, three)));

    Path text = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");
    assertBadInput("not a load log written by cds", () -> LogMerge.merge(List.of(text)));
    assertBadInput("cannot read", () -> LogMerge.merge(List.of(dir.resolve("absent.hlog"))));

    // a run killed before its summary: latencies without the counts that go with them
    List<String> lines = Files.readAllLines(a);
    Path cut = dir.resolve("cut.hlog");
    Files.write(cut, lines.stream().filter(l -> !l.contains("\"service\"")).toList());
    assertBadInput("no summary", () -> LogMerge.merge(List.of(cut)));

    Path corrupt = dir.resolve("corrupt.hlog");
    try (PrintStream out = new PrintStream(Files.newOutputStream(corrupt), true, StandardCharsets.UTF_8)) {
      lines.forEach(l -> out.println(l.startsWith("Tag=") ? l.substring(0, l.length() - 12) + "@@@@notbase64" : l));
    }
    assertBadInput("cannot be read", () -> LogMerge.merge(List.of(corrupt)));
  }

  private static void assertBadInput(String expected, org.junit.jupiter.api.function.Executable e) {
    CdsException x = assertThrows(CdsException.class, e);
    assertEquals(ExitCode.BAD_INPUT, x.exitCode(), x.getMessage());
    assertTrue(x.getMessage().contains(expected), x.getMessage());
  }
}
