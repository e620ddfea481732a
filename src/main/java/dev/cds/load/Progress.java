package dev.cds.load;

import dev.cds.core.DaemonThreads;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line on a terminal's stderr, redrawn a few times a second with {@code \r}: the service,
 * a bar, requests done, errors and the current rate. Cleared when the service is done.
 */
public final class Progress implements LoadRunner.Watcher {
  private static final long REFRESH_MILLIS = 250;

  private final PrintWriter err;
  private final int width;
  private ScheduledExecutorService timer;
  private String service;
  private LoadPlan plan;
  private LoadRunner.Live live;
  private long lastDone;
  private long lastNanos;

  /** {@code width}: the terminal's columns (the line stays one shorter so it never wraps). */
  public Progress(PrintWriter err, int width) {
    this.err = err;
    this.width = Math.max(40, Math.min(width, 1000));
  }

  @Override
  public synchronized void started(String service, LoadPlan plan, LoadRunner.Live live) {
    this.service = service;
    this.plan = plan;
    this.live = live;
    this.lastDone = 0;
    this.lastNanos = live.startNanos;
    timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("cds-progress"));
    timer.scheduleAtFixedRate(this::draw, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void finished() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      err.print("\r" + " ".repeat(width - 1) + "\r");
      err.flush();
    }
  }

  private synchronized void draw() {
    long now = System.nanoTime();
    long done = live.done();
    double rate = (done - lastDone) * 1e9 / Math.max(1, now - lastNanos);
    lastDone = done;
    lastNanos = now;
    err.print("\r" + line(service, fraction(done, now), done, live.errors(), rate, width - 1));
    err.flush();
  }

  private double fraction(long done, long now) {
    double byCount = plan.repeat() > 0 ? (double) done / plan.requests() : 0;
    double byTime = plan.duration() == null ? 0 : (double) (now - live.startNanos) / plan.duration().toNanos();
    return Math.min(1, Math.max(byCount, byTime));
  }

  /** The line, padded or cut to exactly {@code columns}: the service name gives way first. */
  static String line(String service, double fraction, long done, long errors, double rate, int columns) {
    String stats = String.format(" %d done  %d errors  %.0f req/s", done, errors, rate);
    int bar = Math.max(10, Math.min(30, columns / 4));
    int filled = (int) Math.round(fraction * bar);
    String barText = " [" + "#".repeat(filled) + "-".repeat(bar - filled) + "]";
    int room = Math.max(0, columns - barText.length() - stats.length());
    String name = service.length() > room ? service.substring(0, room) : service;
    String text = name + barText + stats;
    if (text.length() > columns) {
      text = text.substring(0, columns);
    }
    return text + " ".repeat(columns - text.length());
  }
}
