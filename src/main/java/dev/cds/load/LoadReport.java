package dev.cds.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.DisplayWidth;
import dev.cds.core.Glyphs;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.core.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A load run as people read it (a table) and as scripts read it (one JSON object per service). */
public final class LoadReport {
  private LoadReport() {}

  /**
   * One row per service, then a line per service that had errors, saying which kinds, and one per
   * service with flagged answers. The FLAGGED column shows when the run checked its answers
   * ({@code checked}) or when any were flagged (merged logs do not say whether they were checked).
   * At most {@code width} columns: nothing in it may be cut (ids and figures), so a narrow terminal
   * gets one block per service instead of the table.
   */
  public static String text(List<ServiceLoad> results, boolean checked, int width, Glyphs glyphs) {
    boolean flags = checked || results.stream().anyMatch(s -> s.flagged() > 0);
    List<String> headers = new ArrayList<>(List.of("SERVICE", "REQUESTS", "ERRORS"));
    if (flags) {
      headers.add("FLAGGED");
    }
    headers.addAll(List.of("REQ/S", "MIN", "P50", "P90", "P95", "P99", "MAX"));
    Table table = new Table(headers.toArray(String[]::new));
    for (ServiceLoad s : results) {
      ServiceLoad.Latency l = s.latency();
      List<String> row = new ArrayList<>(List.of(s.service(), String.valueOf(s.requests()),
          String.valueOf(s.errors())));
      if (flags) {
        row.add(String.valueOf(s.flagged()));
      }
      row.addAll(List.of(String.format(Locale.ROOT, "%.0f", s.throughput()),
          l == null ? "-" : millis(l.minMicros()), l == null ? "-" : millis(l.p50Micros()),
          l == null ? "-" : millis(l.p90Micros()), l == null ? "-" : millis(l.p95Micros()),
          l == null ? "-" : millis(l.p99Micros()), l == null ? "-" : millis(l.maxMicros())));
      table.row(row.toArray(String[]::new));
    }
    StringBuilder sb = new StringBuilder(table.render(width, glyphs));
    for (ServiceLoad s : results) {
      if (s.errors() > 0) {
        line(sb, s.service() + " errors: " + kinds(s.errorKinds()), width, glyphs);
      }
      if (s.flagged() > 0) {
        line(sb, s.service() + " flagged: " + kinds(s.flagKinds()), width, glyphs);
      }
    }
    return sb.toString();
  }

  private static String kinds(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** One line of the report, wrapped to {@code width}; service ids come from the server. */
  private static void line(StringBuilder sb, String line, int width, Glyphs glyphs) {
    DisplayWidth.wrap(glyphs.text(Sanitizer.line(line)), width, "", "  ").forEach(l -> sb.append(l).append('\n'));
  }

  /**
   * {@code {"service","hook","requests","errors","errorKinds":{kind: n},"flagged","flagKinds":{kind: n},
   * "elapsedMs","throughput",
   * "latencyMs":{"min","p50","p90","p95","p99","max"}}}; {@code latencyMs} is null when no request
   * got an answer.
   */
  public static ObjectNode json(ServiceLoad s) {
    ObjectNode n = Json.object();
    n.put("service", s.service());
    n.put("hook", s.hook());
    putCounts(n, s);
    n.put("elapsedMs", s.elapsed().toMillis());
    n.put("throughput", BigDecimal.valueOf(s.throughput()).setScale(1, java.math.RoundingMode.HALF_UP));
    ServiceLoad.Latency l = s.latency();
    if (l == null) {
      n.putNull("latencyMs");
    } else {
      ObjectNode lat = n.putObject("latencyMs");
      lat.put("min", ms(l.minMicros()));
      lat.put("p50", ms(l.p50Micros()));
      lat.put("p90", ms(l.p90Micros()));
      lat.put("p95", ms(l.p95Micros()));
      lat.put("p99", ms(l.p99Micros()));
      lat.put("max", ms(l.maxMicros()));
    }
    return n;
  }

  /**
   * {@code "requests","errors","errorKinds":{kind: n},"flagged","flagKinds":{kind: n}}: the counts
   * the report and the interval log's summary line both carry.
   */
  static void putCounts(ObjectNode n, ServiceLoad s) {
    n.put("requests", s.requests());
    n.put("errors", s.errors());
    ObjectNode kinds = n.putObject("errorKinds");
    s.errorKinds().forEach(kinds::put);
    n.put("flagged", s.flagged());
    ObjectNode flags = n.putObject("flagKinds");
    s.flagKinds().forEach(flags::put);
  }

  private static BigDecimal ms(long micros) {
    return BigDecimal.valueOf(micros, 3);
  }

  /** 0.42ms, 3.40ms, 34.1ms, 340ms, 12.3s: three significant digits, like the histogram. */
  public static String millis(long micros) {
    double ms = micros / 1000.0;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2fms", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1fms", ms);
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.0fms", ms);
    }
    return String.format(Locale.ROOT, "%.1fs", ms / 1000);
  }
}
