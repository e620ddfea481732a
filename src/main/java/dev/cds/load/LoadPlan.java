package dev.cds.load;

import dev.cds.core.CdsException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How hard to push each service: a request count, a duration or both (whichever ends first), how
 * many requests are in flight, and an optional ceiling on the request rate.
 *
 * @param repeat requests per service; 0 when only {@code duration} bounds the run
 * @param duration how long each service is loaded; null when only {@code repeat} bounds the run
 * @param concurrency requests in flight at once
 * @param rate requests per second per service; 0 for as fast as the service answers
 */
public record LoadPlan(long repeat, Duration duration, int concurrency, double rate) {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|m|h))?");

  public LoadPlan {
    if (repeat < 0) {
      throw CdsException.usage("--repeat must be at least 1");
    }
    if (repeat == 0 && duration == null) {
      throw CdsException.usage("a load run needs --repeat N or --duration DURATION");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw CdsException.usage("--duration must be positive");
    }
    if (concurrency < 1) {
      throw CdsException.usage("--concurrency must be at least 1");
    }
    if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
      throw CdsException.usage("--rate must be positive");
    }
  }

  /** {@code 200}, {@code 200/s}, {@code 600/m}, {@code 3600/h} as requests per second. */
  public static double parseRate(String text) {
    Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
      throw CdsException.usage("invalid --rate '" + text + "': use requests per second, e.g. 200 or 200/s (or 600/m)");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "m" -> n / 60;
      case "h" -> n / 3600;
      default -> n;
    };
  }

  /** The nanosecond offset from the start at which request {@code index} may leave under the rate. */
  long dueNanos(long index) {
    return rate == 0 ? 0 : (long) (index * 1e9 / rate);
  }
}
