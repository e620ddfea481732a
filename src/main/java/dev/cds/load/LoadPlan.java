package dev.cds.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How hard to push each service: a request count, a duration or both (whichever ends first), how
 * many requests are in flight, an optional ceiling on the request rate, and which share of the run
 * this process makes. Count and rate are those of the whole run; a {@link Segment} takes its part.
 *
 * @param repeat requests per service over the whole run; 0 when only {@code duration} bounds it
 * @param duration how long each service is loaded; null when only {@code repeat} bounds the run
 * @param concurrency requests in flight at once in this process
 * @param rate requests per second per service over the whole run; 0 for as fast as the service answers
 * @param segment this process's share of the run
 * @param startAt when the run's schedule starts, so that processes started at different moments
 *     share one; null to start at once
 */
public record LoadPlan(long repeat, Duration duration, int concurrency, double rate, Segment segment,
    Instant startAt) {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|m|h))?");

  public LoadPlan {
    if (repeat < 0 || (repeat == 0 && duration == null)) {
      throw new IllegalArgumentException("a load run needs a request count or a duration");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("the duration must be positive");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("at least one request must be in flight");
    }
    if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("the rate must be positive");
    }
    if (segment == null) {
      segment = Segment.WHOLE;
    }
  }

  /** The whole run in this process, starting at once. */
  public LoadPlan(long repeat, Duration duration, int concurrency, double rate) {
    this(repeat, duration, concurrency, rate, Segment.WHOLE, null);
  }

  /**
   * {@code 200}, {@code 200/s}, {@code 600/m}, {@code 3600/h} as requests per second; an
   * {@link IllegalArgumentException} for anything else.
   */
  public static double parseRate(String text) {
    Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
      throw new IllegalArgumentException("'" + text + "' is not a rate: use requests per second, e.g. 200 or 200/s (or 600/m)");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "m" -> n / 60;
      case "h" -> n / 3600;
      default -> n;
    };
  }

  /** This process's requests per service: its segment's share of {@code repeat}, unbounded for a duration alone. */
  public long requests() {
    return repeat == 0 ? Long.MAX_VALUE : segment.share(repeat);
  }

  /**
   * The nanosecond offset from the schedule's start at which this process's {@code local}-th
   * request is due under the rate: the whole run's request {@code k} is due at {@code k / rate},
   * the same arithmetic in every segment, so the segments' arrivals together are one process's.
   */
  long dueNanos(long local) {
    return rate == 0 ? 0 : (long) (segment.global(local) * 1e9 / rate);
  }

  /**
   * How long each service's share of a shared schedule lasts: the duration, or for a count at a
   * rate the time the count takes; null when the run has no schedule to share (as fast as it goes).
   */
  Duration slot() {
    if (duration != null) {
      return duration;
    }
    return rate > 0 ? Duration.ofNanos((long) (repeat * 1e9 / rate)) : null;
  }
}
