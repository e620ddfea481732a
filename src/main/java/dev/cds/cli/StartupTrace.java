package dev.cds.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the milliseconds of one run go, for tuning start-up: with {@code CDS_TRACE_STARTUP=1} in
 * the environment, marks taken with {@link System#nanoTime} from {@code main} on are printed on
 * stderr at exit, as milliseconds since {@code main} and since the previous mark. Off (the usual
 * case) it costs one environment look-up, and {@link #mark} does nothing.
 *
 * <p>The launch (the launcher script's start to {@code main}: the script, then the JVM's boot)
 * comes from {@code CDS_LAUNCHED_AT}, the epoch nanoseconds the script notes when tracing. Without
 * it (the app image's native launcher) the process start time the OS keeps stands in, which is
 * only good to about a second: Linux derives it from a boot time kept in whole seconds.
 * {@code java.lang.management} would be exact but loads a few hundred classes, more than what it
 * would measure.
 */
final class StartupTrace {
  static final String VARIABLE = "CDS_TRACE_STARTUP";
  /** Set by the launcher script when tracing: when it started, in epoch nanoseconds. */
  static final String LAUNCHED_AT = "CDS_LAUNCHED_AT";
  private static final StartupTrace OFF = new StartupTrace(0, null, null, null);

  private record Mark(String label, long nanos) {}

  private final long origin;
  private final List<Mark> marks;
  /** Wall-clock time at {@link #origin}. */
  private final Instant originWall;
  /** The launcher's start, epoch nanoseconds, or null. */
  private final Long launchedAt;

  private StartupTrace(long origin, List<Mark> marks, Instant originWall, Long launchedAt) {
    this.origin = origin;
    this.marks = marks;
    this.originWall = originWall;
    this.launchedAt = launchedAt;
  }

  /** An active trace when {@code CDS_TRACE_STARTUP} is set to anything but empty or 0. */
  static StartupTrace fromEnvironment(Map<String, String> env) {
    String v = env.get(VARIABLE);
    if (v == null || v.isEmpty() || v.equals("0")) {
      return OFF;
    }
    return new StartupTrace(System.nanoTime(), new ArrayList<>(), Instant.now(), nanos(env.get(LAUNCHED_AT)));
  }

  private static Long nanos(String text) {
    try {
      return text == null ? null : Long.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null; // a date(1) without %N
    }
  }

  static StartupTrace off() {
    return OFF;
  }

  boolean enabled() {
    return marks != null;
  }

  void mark(String label) {
    if (marks != null) {
      marks.add(new Mark(label, System.nanoTime()));
    }
  }

  /** Prints the marks; called once, at exit. */
  void print(PrintStream err) {
    if (marks == null) {
      return;
    }
    long before = System.nanoTime();
    Instant start = ProcessHandle.current().info().startInstant().orElse(null);
    long now = System.currentTimeMillis();
    long readCost = System.nanoTime() - before;
    StringBuilder out = new StringBuilder("cds start-up trace (ms since main, +ms since previous mark)\n");
    if (launchedAt != null) {
      long wallNanos = originWall.getEpochSecond() * 1_000_000_000L + originWall.getNano();
      out.append(String.format("  %-28s %7.1f  (launcher start to main: the script, then the JVM's boot)%n",
          "launch", (wallNanos - launchedAt) / 1e6));
    } else if (start != null) {
      long sinceStart = now - start.toEpochMilli();
      long sinceMain = (before - origin) / 1_000_000;
      out.append(String.format("  %-28s %7d  (process start to main; only good to about a second)%n", "launch",
          sinceStart - sinceMain));
    }
    long previous = origin;
    for (Mark m : marks) {
      long t = m.nanos();
      out.append(String.format("  %-28s %7.1f  +%.1f%n", m.label(), (t - origin) / 1e6, (t - previous) / 1e6));
      previous = t;
    }
    out.append(String.format("  %-28s %7.1f  (reading the process start time: %.1f ms)%n", "exit",
        (before - origin) / 1e6, readCost / 1e6));
    err.print(out);
    err.flush();
  }
}
