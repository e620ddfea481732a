package dev.cds.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one worker saw. Latencies go into the worker's own recorder, which another thread can
 * empty interval by interval without stopping it; the counters are read once the worker is done.
 */
final class Tally {
  /** Three significant digits, microseconds; the histograms grow to whatever the slowest answer needs. */
  static final int DIGITS = 3;

  private final SingleWriterRecorder latency = new SingleWriterRecorder(DIGITS);
  final Map<String, Long> errorKinds = new TreeMap<>();
  final Map<String, Long> flagKinds = new TreeMap<>();
  long requests;
  long errors;
  long flagged;

  void answered(long micros) {
    latency.recordValue(Math.max(1, micros));
  }

  void failed(String kind) {
    errors++;
    errorKinds.merge(kind, 1L, Long::sum);
  }

  /** An answer that failed the run's checks, under each kind of problem it had. */
  void flagged(java.util.Set<String> kinds) {
    flagged++;
    kinds.forEach(k -> flagKinds.merge(k, 1L, Long::sum));
  }

  /** The latencies recorded since the last call, added to {@code into}. */
  void drainInto(Histogram into) {
    into.add(latency.getIntervalHistogram());
  }

  void addCounts(Tally other) {
    other.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
    other.flagKinds.forEach((k, v) -> flagKinds.merge(k, v, Long::sum));
    requests += other.requests;
    errors += other.errors;
    flagged += other.flagged;
  }
}
