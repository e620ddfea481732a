package dev.cds.load;

import java.time.Duration;
import java.util.SortedMap;

/**
 * One service's result of a load run.
 *
 * @param requests requests sent (answered or not)
 * @param errors requests that failed: a network failure, a non-2xx status, or a body that is not
 *     a JSON object
 * @param errorKinds errors by kind: {@code http 503}, {@code not json}, and the network's
 *     (see {@link LoadRunner#kind})
 * @param flagged answers that came back well formed but failed an {@link AnswerCheck} (a card at
 *     the failing level, a finding under strict checks); 0 when the run had no checks
 * @param flagKinds flagged answers by kind of problem (one answer may count under several)
 * @param elapsed from the first request leaving to the last one finishing (for merged segments,
 *     from the earliest segment's start to the latest one's end)
 * @param latency of every request that got an HTTP response (failed statuses included); null when
 *     none did
 */
public record ServiceLoad(String service, String hook, long requests, long errors,
    SortedMap<String, Long> errorKinds, long flagged, SortedMap<String, Long> flagKinds, Duration elapsed,
    Latency latency) {

  /** Requests per second over the run. */
  public double throughput() {
    long nanos = Math.max(1, elapsed.toNanos());
    return requests * 1e9 / nanos;
  }

  /** Percentiles in microseconds, from an HdrHistogram of the run. */
  public record Latency(long count, long minMicros, long p50Micros, long p90Micros, long p95Micros,
      long p99Micros, long maxMicros) {

    static Latency of(org.HdrHistogram.Histogram h) {
      if (h.getTotalCount() == 0) {
        return null;
      }
      return new Latency(h.getTotalCount(), h.getMinValue(), h.getValueAtPercentile(50),
          h.getValueAtPercentile(90), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue());
    }

    public Duration p90() {
      return Duration.ofNanos(p90Micros * 1000);
    }

    public Duration p95() {
      return Duration.ofNanos(p95Micros * 1000);
    }
  }
}
