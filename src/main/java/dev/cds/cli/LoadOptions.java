package dev.cds.cli;

import dev.cds.client.CdsClient;
import dev.cds.client.HookCaller;
import dev.cds.http.TlsSettings;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.load.LoadPlan;
import dev.cds.load.LoadReport;
import dev.cds.load.LoadRunner;
import dev.cds.load.Progress;
import dev.cds.load.ServiceLoad;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** {@code cds call}'s load test: --repeat, --duration, --concurrency, --rate, --fail-on-p95. */
public final class LoadOptions {
  @Option(names = "--repeat", paramLabel = "N", description = "Load test: send the hook N times to each service.")
  Long repeat;

  @Option(names = "--duration", paramLabel = "DURATION", description = "Load test: keep sending for this long (30s, 2m).")
  String duration;

  @Option(names = "--concurrency", paramLabel = "C", description = "Load test: requests in flight at once (default: 1).")
  Integer concurrency;

  @Option(names = "--rate", paramLabel = "R/s", description = "Load test: at most R requests per second per service.")
  String rate;

  @Option(names = "--fail-on-p95", paramLabel = "DURATION",
      description = "Load test: exit 1 when a service's p95 latency is over this.")
  String failOnP95;

  private LoadPlan plan;
  private Duration gate;

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
      if (concurrency != null || rate != null || failOnP95 != null) {
        throw CdsException.usage("--concurrency, --rate and --fail-on-p95 belong to a load run: add --repeat N or --duration D");
      }
      return;
    }
    gate = failOnP95 == null ? null : Durations.parse(failOnP95);
    plan = new LoadPlan(repeat == null ? 0 : repeat, duration == null ? null : Durations.parse(duration),
        concurrency == null ? 1 : concurrency, rate == null ? 0 : LoadPlan.parseRate(rate));
    String current = System.getProperty("http.maxConnections");
    if (current == null || parseOr(current, 5) < plan.concurrency()) {
      System.setProperty("http.maxConnections", String.valueOf(plan.concurrency()));
    }
  }

  /**
   * Runs the load test (after {@link #beforeFirstConnection}) and prints the report; exit 4 when
   * any request failed, 1 when a p95 is over {@code --fail-on-p95}.
   */
  public int run(CliContext ctx, GlobalOptions global, CdsClient client, List<HookCaller.Target> targets,
      TlsSettings tls) {
    LoadRunner.Watcher watcher = ctx.stdoutIsTerminal()
        ? new Progress(ctx.err(), parseOr(ctx.env("COLUMNS"), 80)) : LoadRunner.Watcher.NONE;
    LoadRunner runner = new LoadRunner(client, plan, watcher, global.verbose() ? null : tls);
    // Ctrl-C stops the run and still prints what was measured: the hook holds the JVM until the
    // report is out (the process then exits with the signal's status)
    CountDownLatch reported = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      runner.stop();
      try {
        reported.await(client.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cds-load-stop");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return report(ctx, global, runner.run(targets));
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it returns now that the report is out
      }
    }
  }

  private int report(CliContext ctx, GlobalOptions global, List<ServiceLoad> results) {
    if (global.json(ctx)) {
      results.forEach(r -> ctx.out().println(Json.compact(LoadReport.json(r))));
    } else {
      ctx.out().print(LoadReport.text(results));
    }
    ctx.out().flush();
    int code = ExitCode.OK;
    for (ServiceLoad r : results) {
      if (gate != null && (r.latency() == null || r.latency().p95().compareTo(gate) > 0)) {
        ctx.err().println("cds: " + r.service() + ": p95 " + (r.latency() == null ? "unknown (no answers)"
            : LoadReport.millis(r.latency().p95Micros())) + " is over --fail-on-p95 " + LoadReport.millis(gate.toNanos() / 1000));
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

  private static int parseOr(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
