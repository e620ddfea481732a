package dev.cds.cli;

import dev.cds.client.CdsClient;
import dev.cds.client.HookCaller;
import dev.cds.http.TlsSettings;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.load.AnswerCheck;
import dev.cds.load.IntervalLog;
import dev.cds.load.LoadPlan;
import dev.cds.load.LoadReport;
import dev.cds.load.LoadRunner;
import dev.cds.load.Progress;
import dev.cds.load.Segment;
import dev.cds.load.ServiceLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code cds call}'s load test: --repeat, --duration, --concurrency, --rate, the latency gates,
 * and the options that split one run over several processes (--segment, --start-at,
 * --histogram-log; {@code cds load merge} adds the logs up).
 */
public final class LoadOptions {
  @Option(names = "--repeat", paramLabel = "N", description = "Load test: send the hook N times to each service.")
  Long repeat;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Load test: keep sending for this long (30s, 2m).")
  Duration duration;

  @Option(names = "--concurrency", paramLabel = "C", description = "Load test: requests in flight at once (default: 1).")
  Integer concurrency;

  @Option(names = "--rate", paramLabel = "R/s",
      description = "Load test: at most R requests per second per service (over all segments).")
  String rate;

  @Option(names = "--fail-on-p95", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Load test: exit 1 when a service's p95 latency is over this.")
  Duration failOnP95;

  @Option(names = "--fail-on-p90", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Load test: exit 1 when a service's p90 latency is over this (CRD's gate).")
  Duration failOnP90;

  @Option(names = "--segment", paramLabel = "I/N",
      description = "Load test: run share I of N (0/4 … 3/4); N processes together make the whole run.")
  String segment;

  @Option(names = "--start-at", paramLabel = "TIME",
      description = "Load test: start the schedule at TIME (RFC 3339 or epoch seconds), so processes started apart share it.")
  String startAt;

  @Option(names = "--histogram-log", paramLabel = "FILE",
      description = "Load test: write latencies to FILE as an HdrHistogram interval log (for cds load merge).")
  Path histogramLog;

  private LoadPlan plan;
  private Gates gates;

  /** True when this call is a load run. */
  public boolean active() {
    return repeat != null || duration != null;
  }

  /**
   * Checks the options and, for a load run, lets the JDK keep a connection alive per worker: it
   * reads {@code http.maxConnections} (default 5) once, at the first connection, so this comes
   * before discovery.
   */
  public void beforeFirstConnection() {
    if (!active()) {
      List<String> given = loadOnlyOptionsGiven();
      if (!given.isEmpty()) {
        throw CdsException.usage(String.join(", ", given) + (given.size() == 1 ? " belongs" : " belong")
            + " to a load run: add --repeat N or --duration D");
      }
      return;
    }
    gates = new Gates(failOnP90, failOnP95);
    plan = plan();
    checkLog();
    String current = System.getProperty("http.maxConnections");
    if (current == null || parseOr(current, 5) < plan.concurrency()) {
      System.setProperty("http.maxConnections", String.valueOf(plan.concurrency()));
    }
    // with -v the requests go through HttpURLConnection, which would otherwise send a POST again
    // after a failure on a kept-alive connection: every attempt must be one counted request
    System.setProperty("sun.net.http.retryPost", "false");
  }

  private List<String> loadOnlyOptionsGiven() {
    List<String> given = new ArrayList<>();
    addIf(given, concurrency, "--concurrency");
    addIf(given, rate, "--rate");
    addIf(given, failOnP95, "--fail-on-p95");
    addIf(given, failOnP90, "--fail-on-p90");
    addIf(given, segment, "--segment");
    addIf(given, startAt, "--start-at");
    addIf(given, histogramLog, "--histogram-log");
    return given;
  }

  private LoadPlan plan() {
    if (repeat != null && repeat < 1) {
      throw CdsException.usage("--repeat must be at least 1");
    }
    if (concurrency != null && concurrency < 1) {
      throw CdsException.usage("--concurrency must be at least 1");
    }
    Duration d = duration;
    if (d != null && (d.isZero() || d.isNegative())) {
      throw CdsException.usage("--duration must be positive");
    }
    double perSecond = rate == null ? 0 : parse(rate, "--rate", LoadPlan::parseRate);
    Segment share = segment == null ? Segment.WHOLE : parse(segment, "--segment", Segment::parse);
    if (repeat != null && share.share(repeat) == 0) {
      throw CdsException.usage("--repeat " + repeat + " leaves segment " + share + " without requests: give at least "
          + share.count() + ", one per segment");
    }
    return new LoadPlan(repeat == null ? 0 : repeat, d, concurrency == null ? 1 : concurrency, perSecond, share,
        startAt == null ? null : parse(startAt, "--start-at", LoadOptions::instant));
  }

  /** The log's folder must exist before the run starts, as for every file cds writes (exit 3). */
  private void checkLog() {
    if (histogramLog == null) {
      return;
    }
    if (histogramLog.toString().equals("-")) {
      throw CdsException.usage("--histogram-log needs a file: stdout carries the report");
    }
    Path dir = histogramLog.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw CdsException.badInput("cannot write the histogram log " + histogramLog + ": there is no folder " + dir);
    }
  }

  /** RFC 3339 ({@code 2026-03-01T09:00:00Z}, an offset, or a space for the T) or epoch seconds ({@code 1772355600}). */
  static Instant instant(String text) {
    String t = text.trim();
    if (t.matches("\\d{1,12}(\\.\\d{1,9})?")) {
      String[] parts = t.split("\\.");
      long nanos = parts.length == 1 ? 0 : Long.parseLong((parts[1] + "00000000").substring(0, 9));
      return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
    }
    try {
      return OffsetDateTime.parse(t.replace(' ', 'T').toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time: use RFC 3339 (2026-03-01T09:00:00Z) or epoch seconds");
    }
  }

  /**
   * Runs the load test (after {@link #beforeFirstConnection}) and prints the report; exit 4 when
   * any request failed, 1 when a p90 or p95 is over its gate or an answer failed {@code check}.
   * Each answer is capped at {@code maxResponseBytes}, as for a single call.
   */
  public int run(CliContext ctx, GlobalOptions global, CdsClient client, List<HookCaller.Target> targets,
      TlsSettings tls, AnswerCheck check, long maxResponseBytes) {
    Instant now = ctx.clock().instant();
    if (plan.startAt() != null && plan.startAt().isBefore(now)) {
      throw CdsException.usage("--start-at " + startAt + " passed " + Durations.format(Duration.between(plan.startAt(), now))
          + " ago, before this run could start: give a time after every process will have started");
    }
    if (plan.startAt() != null && Duration.between(now, plan.startAt()).toSeconds() >= 1) {
      ctx.err().println("cds: waiting for --start-at " + plan.startAt() + " (" + plan.segment() + " of the run)");
      ctx.err().flush();
    }
    LoadRunner.Watcher watcher = ctx.stdoutIsTerminal()
        ? new Progress(ctx.err(), ctx.tableWidth()) : LoadRunner.Watcher.NONE;
    try (IntervalLog log = histogramLog == null ? null
        : IntervalLog.create(histogramLog, plan.startAt() != null ? plan.startAt() : now, plan.segment())) {
      LoadRunner runner = new LoadRunner(client, plan, watcher, global.verbose() ? null : tls, ctx.clock(), log,
          maxResponseBytes, check);
      return report(ctx, global, runUntilStopped(runner, targets, client.timeout()), gates,
          check != AnswerCheck.NONE);
    }
  }

  /**
   * Ctrl-C or SIGTERM stops the run and still prints what was measured: the hook holds the JVM
   * until the report is out (the process then exits with the signal's status).
   */
  private static List<ServiceLoad> runUntilStopped(LoadRunner runner, List<HookCaller.Target> targets, Duration timeout) {
    CountDownLatch reported = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      runner.stop();
      try {
        reported.await(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cds-load-stop");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return runner.run(targets);
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it returns now that the run is over
      }
    }
  }

  /** The latency gates of a load report: exit 1 when a service's percentile is over one. */
  record Gates(Duration p90, Duration p95) {}

  /**
   * The report, one table or one JSON object per service, then the gates: 1 when a percentile is
   * over its gate (or unknown: no answers) or an answer was flagged (--fail-on, --strict), 4 when
   * any request failed.
   *
   * @param checked the answers were checked (the report then shows how many were flagged, even none)
   */
  static int report(CliContext ctx, GlobalOptions global, List<ServiceLoad> results, Gates gates, boolean checked) {
    if (global.json(ctx)) {
      results.forEach(r -> ctx.out().println(Json.compact(LoadReport.json(r))));
    } else {
      ctx.out().print(LoadReport.text(results, checked, ctx.tableWidth(), ctx.glyphs()));
    }
    ctx.out().flush();
    int code = ExitCode.OK;
    for (ServiceLoad r : results) {
      code = Math.max(code, gate(ctx, r, "p90", gates.p90(), ServiceLoad.Latency::p90));
      code = Math.max(code, gate(ctx, r, "p95", gates.p95(), ServiceLoad.Latency::p95));
    }
    for (ServiceLoad r : results) {
      if (r.flagged() > 0) {
        ctx.err().println("cds: " + r.service() + ": " + r.flagged() + " of " + r.requests()
            + " answers failed the checks (--fail-on, --strict): " + r.flagKinds().keySet().stream()
                .collect(Collectors.joining(", ")));
        code = Math.max(code, ExitCode.FINDINGS);
      }
    }
    for (ServiceLoad r : results) {
      if (r.errors() > 0) {
        ctx.err().println("cds: " + r.service() + ": " + r.errors() + " of " + r.requests() + " requests failed");
        code = ExitCode.SERVICE;
      }
    }
    return code;
  }

  private static int gate(CliContext ctx, ServiceLoad r, String name, Duration limit,
      Function<ServiceLoad.Latency, Duration> percentile) {
    if (limit == null) {
      return ExitCode.OK;
    }
    Duration measured = r.latency() == null ? null : percentile.apply(r.latency());
    if (measured != null && measured.compareTo(limit) <= 0) {
      return ExitCode.OK;
    }
    ctx.err().println("cds: " + r.service() + ": " + name + " "
        + (measured == null ? "unknown (no answers)" : LoadReport.millis(measured.toNanos() / 1000))
        + " is over --fail-on-" + name + " " + LoadReport.millis(limit.toNanos() / 1000));
    return ExitCode.FINDINGS;
  }

  private static <T> T parse(String text, String option, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw CdsException.usage("invalid " + option + ": " + e.getMessage());
    }
  }

  private static void addIf(List<String> given, Object value, String option) {
    if (value != null) {
      given.add(option);
    }
  }

  private static int parseOr(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
