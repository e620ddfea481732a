package dev.cds.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.DaemonThreads;
import dev.cds.http.HttpFailure;
import dev.cds.http.HttpJson;
import dev.cds.http.HttpResult;
import dev.cds.http.NetworkErrors;
import dev.cds.http.ResponseErrors;
import dev.cds.model.Service;
import dev.cds.model.ServiceOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Calls services the way an EHR does: all at once, each answer kept apart, one failure never
 * hiding the others. Returns within the timeout even when a service trickles its answer.
 */
public final class HookCaller {
  /** One service to call with its request body. */
  public record Target(Service service, JsonNode body) {}

  /**
   * What one service answered.
   *
   * @param outcome status, elapsed time, and the body or a one-line error
   * @param failure the typed failure when the call failed, else null
   * @param charsetProblem why the body breaks "JSON must be UTF-8", or null
   */
  public record Answer(ServiceOutcome outcome, HttpFailure failure, String charsetProblem) {}

  private final CdsClient client;

  public HookCaller(CdsClient client) {
    this.client = client;
  }

  /** Calls every target in parallel; {@code each} sees each answer as it arrives (from a pool thread). */
  public List<Answer> callAll(List<Target> targets, Consumer<Answer> each) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(targets.size(), 8)),
        new DaemonThreads("cds-call"));
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (Target t : targets) {
        futures.add(pool.submit(new Exchange(t, each)));
      }
      long deadline = System.nanoTime() + grace(client.timeout()).toNanos();
      List<Answer> out = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        out.add(await(futures.get(i), targets.get(i), deadline, each));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One target's exchange on a pool thread, seen by {@code each} as soon as it is answered. */
  private final class Exchange implements Callable<Answer> {
    private final Target target;
    private final Consumer<Answer> each;

    Exchange(Target target, Consumer<Answer> each) {
      this.target = target;
      this.each = each;
    }

    @Override
    public Answer call() {
      Answer a = HookCaller.this.call(target);
      each.accept(a);
      return a;
    }
  }

  private Answer await(Future<Answer> f, Target t, long deadlineNanos, Consumer<Answer> each) {
    try {
      return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      Answer a = failure(t, NetworkErrors.timeout(uri(t).toString(), client.timeout(), e), client.timeout().toMillis());
      each.accept(a);
      return a;
    } catch (ExecutionException e) {
      // a bug in cds, not the service: let the caller's error handling report it as one
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdsException(dev.cds.core.ExitCode.SERVICE, "interrupted");
    }
  }

  /** One call, classified: network failure, HTTP error, non-JSON answer, or a response body. */
  public Answer call(Target t) {
    long start = System.nanoTime();
    String url = uri(t).toString();
    HttpResult r;
    try {
      r = client.post(uri(t), t.body());
    } catch (HttpFailure f) {
      return failure(t, f, (System.nanoTime() - start) / 1_000_000);
    }
    long ms = r.elapsed().toMillis();
    if (!r.ok()) {
      JsonNode body = null;
      try {
        body = r.body().length == 0 ? null : HttpJson.parse(r, url, "response");
      } catch (HttpFailure notJson) {
        // the status is the failure; the body is only quoted
      }
      HttpFailure f = ResponseErrors.status(r, url);
      return new Answer(new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, body, f.getMessage()),
          f, null);
    }
    JsonNode body;
    try {
      body = HttpJson.parse(r, url, "response");
    } catch (HttpFailure f) {
      return new Answer(new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, null, f.getMessage()),
          f, null);
    }
    if (!body.isObject()) {
      HttpFailure f = new HttpFailure(HttpFailure.Kind.NOT_JSON, url, r.status(), "HTTP " + r.status() + " from "
          + url + " but the body is a JSON " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + ", not an object: expected {\"cards\": [...]}");
      return new Answer(new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, null, f.getMessage()),
          f, null);
    }
    return new Answer(new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, body, null),
        null, r.charsetProblem());
  }

  private URI uri(Target t) {
    return client.endpoints().service(t.service().id());
  }

  private static Answer failure(Target t, HttpFailure f, long ms) {
    return new Answer(new ServiceOutcome(t.service().id(), t.service().hook(), f.status(), ms, null, f.getMessage()),
        f, null);
  }

  /** Connect and read each get the timeout; the whole call gets a little more before it is abandoned. */
  private static Duration grace(Duration timeout) {
    return timeout.plusMillis(Math.min(1000, timeout.toMillis() / 10 + 50));
  }
}
