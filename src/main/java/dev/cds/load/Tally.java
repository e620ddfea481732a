package dev.cds.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one worker saw; merged once at the end so the hot path takes no lock. */
final class Tally {
  /** Three significant digits; the histogram grows to whatever the slowest answer needs. */
  final Histogram latency = new Histogram(3);
  final Map<String, Long> errorKinds = new TreeMap<>();
  long requests;
  long errors;

  void answered(long micros) {
    latency.recordValue(Math.max(1, micros));
  }

  void failed(String kind) {
    errors++;
    errorKinds.merge(kind, 1L, Long::sum);
  }

  void add(Tally other) {
    latency.add(other.latency);
    other.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
    requests += other.requests;
    errors += other.errors;
  }
}
