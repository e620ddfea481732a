package dev.cds.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.CdsClient;
import dev.cds.client.HookCaller;
import dev.cds.core.CdsException;
import dev.cds.core.DaemonThreads;
import dev.cds.core.Json;
import dev.cds.core.RandomIds;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;

/**
 * Sends the same hook to each service many times, {@code concurrency} requests in flight, one
 * service after the other so that one service's load does not colour another's latency. Each
 * request gets a fresh {@code hookInstance} and its own Authorization, both made before the clock
 * starts; each answer is parsed; only counters and histograms are kept. Every attempt is a
 * request in the report: nothing is retried behind its back.
 */
public final class LoadRunner {
  /** Watches a service's run while it goes (a progress line). */
  public interface Watcher {
    Watcher NONE = new Watcher() {
      @Override
      public void started(String service, LoadPlan plan, Live live) {}

      @Override
      public void finished() {}
    };

    /** From the runner's thread, when the service's schedule starts. */
    void started(String service, LoadPlan plan, Live live);

    /** From the runner's thread, when the service's last request is done. */
    void finished();

    /** Each answered request's latency in microseconds, exactly as the histogram records it, from the worker's thread. */
    default void answered(long micros) {}
  }

  /** Counters a watcher may read at any time while a service is loaded. */
  public static final class Live {
    final LongAdder done = new LongAdder();
    final LongAdder errors = new LongAdder();
    final long startNanos;

    Live(long startNanos) {
      this.startNanos = startNanos;
    }

    public long done() {
      return done.sum();
    }

    public long errors() {
      return errors.sum();
    }

    public Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }
  }

  private static final long INTERVAL_MILLIS = 1000;
  /** Waits are cut into slices this long, so that a stopped run does not sit out a long wait. */
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final CdsClient client;
  private final LoadPlan plan;
  private final Watcher watcher;
  private final TlsSettings tls;
  private final Clock clock;
  private final IntervalLog log;
  private final long maxResponseBytes;
  private final AnswerCheck check;
  private final Set<KeepAliveConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** No interval log, the default size cap, the system clock. */
  public LoadRunner(CdsClient client, LoadPlan plan, Watcher watcher, TlsSettings tls) {
    this(client, plan, watcher, tls, Clock.systemUTC(), null, KeepAliveConnection.DEFAULT_MAX_RESPONSE_BYTES,
        AnswerCheck.NONE);
  }

  /**
   * @param tls non-null: each worker keeps its own {@link KeepAliveConnection}; null: requests go
   *     through the client's transport (e.g. the logging one of --verbose)
   * @param clock wall-clock time for the shared start and the interval log's time stamps
   * @param log where each service's latencies go, interval by interval; null for none
   * @param maxResponseBytes the cap on one answer (a longer one is an error of kind "too large")
   * @param check what each well-formed answer is held against; {@link AnswerCheck#NONE} for nothing
   */
  public LoadRunner(CdsClient client, LoadPlan plan, Watcher watcher, TlsSettings tls, Clock clock,
      IntervalLog log, long maxResponseBytes, AnswerCheck check) {
    this.client = client;
    this.plan = plan;
    this.watcher = watcher;
    this.tls = tls;
    this.clock = clock;
    this.log = log;
    this.maxResponseBytes = maxResponseBytes;
    this.check = check;
  }

  /**
   * Ends the run early (Ctrl-C, SIGTERM): waits end, requests in flight are cut off (and not
   * counted: the service did not fail them), then the results are as usual.
   */
  public void stop() {
    stopping = true;
    open.forEach(KeepAliveConnection::abort);
  }

  /** Loads each target in turn; the results in the same order (fewer when stopped). */
  public List<ServiceLoad> run(List<HookCaller.Target> targets) {
    ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency(), new DaemonThreads("cds-load"));
    ScheduledExecutorService ticker = log == null ? null : Executors.newSingleThreadScheduledExecutor(new DaemonThreads("cds-load-log"));
    try {
      List<ServiceLoad> out = new ArrayList<>();
      for (int k = 0; k < targets.size() && !stopping; k++) {
        out.add(load(pool, ticker, targets.get(k), scheduledStart(k)));
      }
      return out;
    } finally {
      pool.shutdownNow();
      if (ticker != null) {
        ticker.shutdownNow();
      }
    }
  }

  /**
   * When service {@code k}'s schedule starts under a shared start: the first at the start, each
   * next one a slot later, so every segment loads the same service at the same time. Null (start
   * when the previous service is done) without a shared start, or when the run has no slot.
   */
  private Instant scheduledStart(int k) {
    if (plan.startAt() == null) {
      return null;
    }
    if (k == 0) {
      return plan.startAt();
    }
    Duration slot = plan.slot();
    return slot == null ? null : plan.startAt().plus(slot.multipliedBy(k));
  }

  private ServiceLoad load(ExecutorService pool, ScheduledExecutorService ticker, HookCaller.Target target,
      Instant start) {
    String service = target.service().id();
    URI uri = client.endpoints().service(service);
    InstanceTemplate body = InstanceTemplate.of(target.body());
    long startMillis = start == null ? clock.millis() : start.toEpochMilli();
    Live live = new Live(start == null ? System.nanoTime() : waitUntil(start));
    AtomicLong tickets = new AtomicLong();
    long deadline = plan.duration() == null ? Long.MAX_VALUE : live.startNanos + plan.duration().toNanos();
    List<Tally> tallies = new ArrayList<>();
    for (int i = 0; i < plan.concurrency(); i++) {
      tallies.add(new Tally());
    }
    Intervals intervals = new Intervals(service, tallies, startMillis);
    Future<?> ticking = ticker == null ? null
        : ticker.scheduleAtFixedRate(intervals::collect, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    watcher.started(service, plan, live);
    Tally total = new Tally();
    try {
      List<Future<Tally>> workers = new ArrayList<>();
      for (Tally tally : tallies) {
        workers.add(pool.submit(() -> work(target, uri, body, live, tickets, deadline, tally)));
      }
      for (Future<Tally> w : workers) {
        total.addCounts(await(w));
      }
    } finally {
      watcher.finished();
      if (ticking != null) {
        ticking.cancel(false);
      }
    }
    intervals.collect();
    ServiceLoad result = new ServiceLoad(service, target.service().hook(), total.requests, total.errors,
        new TreeMap<>(total.errorKinds), total.flagged, new TreeMap<>(total.flagKinds), Duration.ofNanos(System.nanoTime() - live.startNanos),
        ServiceLoad.Latency.of(intervals.total));
    if (log != null) {
      log.summary(result, startMillis, clock.millis());
    }
    return result;
  }

  /** The service's latencies, drained from the workers' recorders each second and at the end, each drain one interval of the log. */
  private final class Intervals {
    final String service;
    final List<Tally> tallies;
    final Histogram total = new Histogram(Tally.DIGITS);
    long fromMillis;

    Intervals(String service, List<Tally> tallies, long fromMillis) {
      this.service = service;
      this.tallies = tallies;
      this.fromMillis = fromMillis;
    }

    synchronized void collect() {
      Histogram interval = new Histogram(Tally.DIGITS);
      tallies.forEach(t -> t.drainInto(interval));
      long now = Math.max(fromMillis, clock.millis());
      interval.setStartTimeStamp(fromMillis);
      interval.setEndTimeStamp(now);
      fromMillis = now;
      total.add(interval);
      if (log != null) {
        log.interval(service, interval);
      }
    }
  }

  private Tally work(HookCaller.Target target, URI uri, InstanceTemplate body, Live live, AtomicLong tickets, long deadline, Tally tally)
      throws InterruptedException {
    KeepAliveConnection connection = tls == null ? null
        : new KeepAliveConnection(uri, tls, client.timeout(), maxResponseBytes);
    if (connection != null) {
      open.add(connection);
    }
    try {
      // each worker draws its ids from its own generator, seeded by the operating system's: unique
      // across workers and across the processes of a segmented run, and no lock per request
      SplittableRandom ids = new SplittableRandom(RandomIds.uuid().getLeastSignificantBits());
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        long ticket = tickets.getAndIncrement();
        if (ticket >= plan.requests()) {
          break;
        }
        long due = live.startNanos + plan.dueNanos(ticket);
        if (due >= deadline || System.nanoTime() >= deadline) {
          break;
        }
        HttpCall call = client.prepare(HttpCall.postJson(uri, body.withInstance(freshInstance(ids)), client.timeout()));
        if (!sleepUntil(due)) {
          break;
        }
        // at a fixed rate, latency counts from when the request was due, not from when a worker held
        // up by a slow answer got round to it: otherwise a stalled service hides its own queueing
        String error = send(target, call, tally, connection, plan.rate() > 0, due);
        if (error != null && stopping) {
          break;
        }
        tally.requests++;
        live.done.increment();
        if (error != null) {
          tally.failed(error);
          live.errors.increment();
        }
      }
      return tally;
    } finally {
      if (connection != null) {
        open.remove(connection);
        connection.close();
      }
    }
  }

  /**
   * Sends one prepared call; the kind of error, or null when the service answered 2xx with a JSON
   * object. An answer that fails the run's checks is counted in the tally as flagged, after the
   * clock has stopped: checking is the client's time, not the service's.
   */
  private String send(HookCaller.Target target, HttpCall call, Tally tally, KeepAliveConnection connection,
      boolean fromDue, long dueNanos) {
    HttpResult r;
    long start = fromDue ? Math.min(dueNanos, System.nanoTime()) : System.nanoTime();
    try {
      r = connection != null ? connection.exchange(call) : client.sendPrepared(call);
    } catch (IOException e) {
      return kind(e);
    }
    long micros = Math.max(1, (System.nanoTime() - start) / 1000);
    tally.answered(micros);
    watcher.answered(micros);
    if (!r.ok()) {
      return "http " + r.status();
    }
    if (check == AnswerCheck.NONE) {
      return isJsonObject(r.body()) ? null : "not json";
    }
    JsonNode tree = jsonObject(r.body());
    if (tree == null) {
      return "not json";
    }
    Set<String> problems = check.problems(target, tree);
    if (!problems.isEmpty()) {
      tally.flagged(problems);
    }
    return null;
  }

  /** The body as a tree when it is one JSON object (depth-limited like every parse), else null. */
  private static JsonNode jsonObject(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode n = Json.parse(body, "the answer");
      return n.isObject() ? n : null;
    } catch (CdsException e) {
      return null;
    }
  }

  /**
   * Every token of the body read, without building a tree (a load run reads thousands of answers a
   * second): one JSON object and nothing after it.
   */
  static boolean isJsonObject(byte[] body) {
    if (body == null || body.length == 0) {
      return false;
    }
    try (JsonParser p = Json.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          return false;
        }
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** A random (version 4) UUID: a hookInstance must be unique, not secret. */
  static UUID freshInstance(SplittableRandom r) {
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * What went wrong, by kind: timeout, too large, tls, protocol (framing that cannot be trusted),
   * refused, unknown host, closed (the server closed the connection without answering), reset,
   * or connection for any other network failure.
   */
  static String kind(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (e instanceof SocketTimeoutException) {
      return "timeout";
    }
    if (e instanceof ResponseTooLarge) {
      return "too large";
    }
    if (e instanceof SSLException) {
      return "tls";
    }
    if (e instanceof ProtocolException) {
      return "protocol";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof ConnectException && message.contains("refused")) {
      return "refused";
    }
    if (e instanceof EOFException || message.contains("end of file")) {
      return "closed";
    }
    if (e instanceof SocketException && (message.contains("reset") || message.contains("broken pipe"))) {
      return "reset";
    }
    return "connection";
  }

  /** Sleeps until {@code dueNanos}; false when the run was stopped meanwhile. */
  private boolean sleepUntil(long dueNanos) throws InterruptedException {
    for (long wait = dueNanos - System.nanoTime(); wait > 0 && !stopping; wait = dueNanos - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, WAIT_SLICE_NANOS));
    }
    return !stopping;
  }

  /** Waits for a wall-clock start; its {@link System#nanoTime} reading, in the past when the start was. */
  private long waitUntil(Instant start) {
    long startNanos = System.nanoTime() + Duration.between(clock.instant(), start).toNanos();
    try {
      sleepUntil(startNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return startNanos;
  }

  private static Tally await(Future<Tally> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
