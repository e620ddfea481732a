package dev.cds.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Merges the {@link IntervalLog}s of a run's segments into the report one process would have
 * printed. Percentiles cannot be averaged, but histograms of the same precision add bucket by
 * bucket, so the merged percentiles are exactly those of all the latencies in one histogram.
 */
public final class LogMerge {
  /**
   * @param services per service, in the order the logs first name them; requests per second over
   *     the window from the earliest segment's start to the latest one's end
   * @param segmentCount the run's number of segments (1 for a run that was not split)
   * @param missing the segments no log held, so the totals are short of the run's
   */
  public record Merged(List<ServiceLoad> services, int segmentCount, List<Integer> missing) {}

  private LogMerge() {}

  public static Merged merge(List<Path> files) {
    Map<String, Service> services = new LinkedHashMap<>();
    Map<Integer, Path> segments = new TreeMap<>();
    Integer count = null;
    Path countFrom = null;
    for (Path file : files) {
      Log log = read(file);
      if (count == null) {
        count = log.segment.count();
        countFrom = file;
      } else if (count != log.segment.count()) {
        throw CdsException.badInput(file + " is segment " + log.segment + " but " + countFrom + " is of a run in "
            + count + " segments: merge the logs of one run");
      }
      Path twin = segments.put(log.segment.index(), file);
      if (twin != null) {
        throw CdsException.badInput(twin + " and " + file + " both hold segment " + log.segment
            + ": merge the logs of different segments, each once");
      }
      for (Summary s : log.summaries.values()) {
        services.computeIfAbsent(s.service, id -> new Service(id, s.hook)).add(s, log.latencies.get(s.tag));
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; count != null && i < count; i++) {
      if (!segments.containsKey(i)) {
        missing.add(i);
      }
    }
    return new Merged(services.values().stream().map(Service::result).toList(), count == null ? 0 : count, missing);
  }

  /** One service's line of a log's summaries. */
  private record Summary(String service, String hook, String tag, long requests, long errors,
      Map<String, Long> errorKinds, long flagged, Map<String, Long> flagKinds, long startMs, long endMs) {}

  /** What one file holds: its segment, a summary per service, the latencies per tag. */
  private record Log(Segment segment, Map<String, Summary> summaries, Map<String, Histogram> latencies) {}

  private static Log read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CdsException.badInput("cannot read " + file + ": " + e.getMessage(), e);
    }
    Segment segment = null;
    Map<String, Summary> summaries = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("#" + IntervalLog.COMMENT)) {
        continue;
      }
      JsonNode n = Json.parse(line.substring(1 + IntervalLog.COMMENT.length()), file.toString());
      if (IntervalLog.FORMAT.equals(n.path("format").asText())) {
        segment = segment(file, n.path("segment").asText());
      } else if (n.hasNonNull("service") && n.hasNonNull("tag")) {
        Summary s = summary(n);
        summaries.put(s.tag, s);
      }
    }
    if (segment == null) {
      throw CdsException.badInput(file + " is not a load log written by cds: it has no '#cds' header line");
    }
    Map<String, Histogram> latencies = latencies(file);
    for (String tag : latencies.keySet()) {
      if (!summaries.containsKey(tag)) {
        throw CdsException.badInput(file + " has latencies tagged " + tag + " but no summary of that service:"
            + " the run ended before its end was written");
      }
    }
    return new Log(segment, summaries, latencies);
  }

  private static Segment segment(Path file, String text) {
    try {
      return Segment.parse(text);
    } catch (IllegalArgumentException e) {
      throw CdsException.badInput(file + ": segment " + e.getMessage());
    }
  }

  /** A summary line; logs written before answers were checked have no {@code flagged}: none were. */
  private static Summary summary(JsonNode n) {
    return new Summary(n.path("service").asText(), n.path("hook").asText(null), n.path("tag").asText(),
        n.path("requests").asLong(), n.path("errors").asLong(), counts(n.path("errorKinds")),
        n.path("flagged").asLong(), counts(n.path("flagKinds")), n.path("startMs").asLong(), n.path("endMs").asLong());
  }

  private static Map<String, Long> counts(JsonNode kinds) {
    Map<String, Long> out = new TreeMap<>();
    kinds.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  /** The file's histograms, read by HdrHistogram's own reader, added per tag. */
  private static Map<String, Histogram> latencies(Path file) {
    Map<String, Histogram> byTag = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
      for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
        if (!(h instanceof Histogram interval)) {
          throw CdsException.badInput(file + " holds a histogram of another kind than cds writes");
        }
        byTag.computeIfAbsent(String.valueOf(h.getTag()), t -> new Histogram(Tally.DIGITS)).add(interval);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CdsException ce) {
        throw ce;
      }
      throw CdsException.badInput(file + " has a histogram line that cannot be read: " + e, e);
    }
    return byTag;
  }

  /** One service's segments, added up. */
  private static final class Service {
    final String id;
    final String hook;
    final Histogram latency = new Histogram(Tally.DIGITS);
    final SortedMap<String, Long> errorKinds = new TreeMap<>();
    final SortedMap<String, Long> flagKinds = new TreeMap<>();
    long requests;
    long errors;
    long flagged;
    long startMs = Long.MAX_VALUE;
    long endMs = Long.MIN_VALUE;

    Service(String id, String hook) {
      this.id = id;
      this.hook = hook;
    }

    void add(Summary s, Histogram h) {
      requests += s.requests;
      errors += s.errors;
      s.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
      flagged += s.flagged;
      s.flagKinds.forEach((k, v) -> flagKinds.merge(k, v, Long::sum));
      startMs = Math.min(startMs, s.startMs);
      endMs = Math.max(endMs, s.endMs);
      if (h != null) {
        latency.add(h);
      }
    }

    ServiceLoad result() {
      return new ServiceLoad(id, hook, requests, errors, errorKinds, flagged, flagKinds, Duration.ofMillis(Math.max(0, endMs - startMs)),
          ServiceLoad.Latency.of(latency));
    }
  }
}
