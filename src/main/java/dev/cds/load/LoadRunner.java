package dev.cds.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cds.client.CdsClient;
import dev.cds.client.HookCaller;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.TlsSettings;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/**
 * Sends the same hook to each service many times, {@code concurrency} requests in flight, one
 * service after the other so that one service's load does not colour another's latency. Each
 * request gets a fresh {@code hookInstance} and its own Authorization, both made before the clock
 * starts; each answer is parsed; only counters and a histogram are kept.
 */
public final class LoadRunner {
  /** Watches a service's run while it goes (a progress line); called from the runner's thread. */
  public interface Watcher {
    Watcher NONE = new Watcher() {
      @Override
      public void started(String service, LoadPlan plan, Live live) {}

      @Override
      public void finished() {}
    };

    void started(String service, LoadPlan plan, Live live);

    void finished();
  }

  /** Counters a watcher may read at any time while a service is loaded. */
  public static final class Live {
    final LongAdder done = new LongAdder();
    final LongAdder errors = new LongAdder();
    final long startNanos = System.nanoTime();

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

  private final CdsClient client;
  private final LoadPlan plan;
  private final Watcher watcher;
  private final TlsSettings tls;
  private volatile boolean stopping;

  /**
   * {@code tls} non-null: each worker keeps its own {@link KeepAliveConnection}; null: requests go
   * through the client's transport (e.g. the logging one of --verbose).
   */
  public LoadRunner(CdsClient client, LoadPlan plan, Watcher watcher, TlsSettings tls) {
    this.client = client;
    this.plan = plan;
    this.watcher = watcher;
    this.tls = tls;
  }

  /** Ends the run early (Ctrl-C): workers finish the request they are in, then the results are as usual. */
  public void stop() {
    stopping = true;
  }

  /** Loads each target in turn; the results in the same order. */
  public List<ServiceLoad> run(List<HookCaller.Target> targets) {
    ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency(), r -> {
      Thread t = new Thread(r, "cds-load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<ServiceLoad> out = new ArrayList<>();
      for (HookCaller.Target t : targets) {
        out.add(load(pool, t));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private ServiceLoad load(ExecutorService pool, HookCaller.Target target) {
    URI uri = client.endpoints().service(target.service().id());
    InstanceTemplate body = InstanceTemplate.of(target.body());
    Live live = new Live();
    AtomicLong tickets = new AtomicLong();
    long deadline = plan.duration() == null ? Long.MAX_VALUE : live.startNanos + plan.duration().toNanos();
    watcher.started(target.service().id(), plan, live);
    Tally total = new Tally();
    try {
      List<Future<Tally>> workers = new ArrayList<>();
      for (int i = 0; i < plan.concurrency(); i++) {
        workers.add(pool.submit(() -> work(uri, body, live, tickets, deadline)));
      }
      for (Future<Tally> w : workers) {
        total.add(await(w));
      }
    } finally {
      watcher.finished();
    }
    return new ServiceLoad(target.service().id(), target.service().hook(), total.requests, total.errors,
        new TreeMap<>(total.errorKinds), Duration.ofNanos(System.nanoTime() - live.startNanos),
        ServiceLoad.Latency.of(total.latency));
  }

  private Tally work(URI uri, InstanceTemplate body, Live live, AtomicLong tickets, long deadline)
      throws InterruptedException {
    try (KeepAliveConnection connection = tls == null ? null : new KeepAliveConnection(uri, tls, client.timeout())) {
      return work(uri, body, live, tickets, deadline, connection);
    }
  }

  private Tally work(URI uri, InstanceTemplate body, Live live, AtomicLong tickets, long deadline,
      KeepAliveConnection connection) throws InterruptedException {
    Tally tally = new Tally();
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      long ticket = tickets.getAndIncrement();
      if (plan.repeat() > 0 && ticket >= plan.repeat()) {
        break;
      }
      long due = live.startNanos + plan.dueNanos(ticket);
      if (due >= deadline || System.nanoTime() >= deadline) {
        break;
      }
      HttpCall call = client.prepare(HttpCall.postJson(uri, body.withInstance(freshInstance()), client.timeout()));
      sleepUntil(due);
      // at a fixed rate, latency counts from when the request was due, not from when a worker held
      // up by a slow answer got round to it: otherwise a stalled service hides its own queueing
      String error = send(call, tally, connection, plan.rate() > 0 ? due : 0);
      tally.requests++;
      live.done.increment();
      if (error != null) {
        tally.failed(error);
        live.errors.increment();
      }
    }
    return tally;
  }

  /** Sends one prepared call; the kind of error, or null when the service answered 2xx with a JSON object. */
  private String send(HttpCall call, Tally tally, KeepAliveConnection connection, long dueNanos) {
    HttpResult r;
    long start = dueNanos != 0 ? Math.min(dueNanos, System.nanoTime()) : System.nanoTime();
    try {
      r = connection != null ? connection.exchange(call) : client.sendPrepared(call);
    } catch (IOException e) {
      return kind(e);
    }
    tally.answered((System.nanoTime() - start) / 1000);
    if (!r.ok()) {
      return "http " + r.status();
    }
    return isJsonObject(r.body()) ? null : "not json";
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

  /**
   * A random (version 4) UUID from the thread's generator: a hookInstance must be unique, not
   * secret, and {@link UUID#randomUUID()} takes a lock on a SecureRandom per call.
   */
  static UUID freshInstance() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * timeout, tls, protocol (redirect loops, a malformed status line) or connection: refused,
   * reset, closed early, and the JDK's "Error writing to server" for a connection that died
   * under the request.
   */
  static String kind(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timeout";
    }
    if (e instanceof SSLException) {
      return "tls";
    }
    if (e instanceof ProtocolException) {
      return "protocol";
    }
    return "connection";
  }

  private static void sleepUntil(long dueNanos) throws InterruptedException {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
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
