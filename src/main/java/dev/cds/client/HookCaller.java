package dev.cds.client;

import dev.cds.http.ResponseErrors;
import dev.cds.http.HttpResult;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import dev.cds.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls services the way an EHR does: all at once, each answer kept apart, one failure never
 * hiding the others. Returns within the timeout even when a service trickles its answer.
 */
public final class HookCaller {
  /** One service to call with its request body. */
  public record Target(Discovery.Service service, JsonNode body) {}

  private final CdsClient client;

  public HookCaller(CdsClient client) {
    this.client = client;
  }

  public List<ServiceOutcome> callAll(List<Target> targets) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), 8), r -> {
      Thread t = new Thread(r, "cds-call");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ServiceOutcome>> futures = new ArrayList<>();
      for (Target t : targets) {
        futures.add(pool.submit(() -> call(t)));
      }
      long deadline = System.nanoTime() + grace(client.timeout()).toNanos();
      List<ServiceOutcome> out = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        out.add(await(futures.get(i), targets.get(i), deadline));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private ServiceOutcome await(Future<ServiceOutcome> f, Target t, long deadlineNanos) {
    try {
      return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return failure(t, 0, client.timeout().toMillis(), "no answer from " + uri(t) + " within "
          + Durations.format(client.timeout()) + ": raise --timeout or check the service");
    } catch (ExecutionException e) {
      return failure(t, 0, 0, "call to " + uri(t) + " failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(t, 0, 0, "interrupted");
    }
  }

  /** One call, classified: network failure, HTTP error, non-JSON 200, or a response body. */
  public ServiceOutcome call(Target t) {
    long start = System.nanoTime();
    HttpResult r;
    try {
      r = client.post(uri(t), t.body());
    } catch (CdsException e) {
      return failure(t, 0, (System.nanoTime() - start) / 1_000_000, e.getMessage());
    }
    long ms = r.elapsed().toMillis();
    JsonNode body = null;
    try {
      body = r.body().length == 0 ? null : Json.parse(r.body(), "response");
    } catch (CdsException notJson) {
      // classified below
    }
    if (!r.ok()) {
      return new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, body,
          ResponseErrors.describe(r, uri(t).toString()));
    }
    if (body == null || !body.isObject()) {
      return failure(t, r.status(), ms, "HTTP " + r.status() + " from " + uri(t) + " but the body is not a JSON object"
          + (r.bodyText().isBlank() ? " (empty)" : ": " + ResponseErrors.firstLine(r.bodyText())));
    }
    return new ServiceOutcome(t.service().id(), t.service().hook(), r.status(), ms, body, null);
  }

  private java.net.URI uri(Target t) {
    return client.endpoints().service(t.service().id());
  }

  private static ServiceOutcome failure(Target t, int status, long ms, String error) {
    return new ServiceOutcome(t.service().id(), t.service().hook(), status, ms, null, error);
  }

  /** Connect and read each get the timeout; the whole call gets a little more before it is abandoned. */
  private static Duration grace(Duration timeout) {
    return timeout.plusMillis(Math.min(1000, timeout.toMillis() / 10 + 50));
  }
}
