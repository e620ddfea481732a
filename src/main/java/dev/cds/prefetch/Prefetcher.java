package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.DaemonThreads;
import dev.cds.core.Json;
import dev.cds.hooks.HookDefinition;
import dev.cds.http.NetworkErrors;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fulfils a service's prefetch templates the way a conformant EHR does (CDS Hooks 2.0 §prefetch):
 * substitute the tokens, fetch reads and searches in parallel within the call's timeout, and
 * send only what was fulfilled.
 *
 * <p>Outcome rules: a resource or searchset Bundle is sent as fetched — a search with no match
 * keeps its empty searchset Bundle (the spec allows it and it is exactly what the service would
 * get by querying itself); a read answered 404/410 sends {@code null}; an error carrying an
 * OperationOutcome sends the OperationOutcome; any other failure omits the key.
 */
public final class Prefetcher {
  private static final int MAX_PARALLEL = 4;
  /** Reads per run unless told otherwise: a discovery listing thousands of keys is not obeyed. */
  public static final int DEFAULT_MAX_READS = 50;

  private final TokenRules rules;
  private final Clock clock;
  private final Reads reads;

  public Prefetcher(TokenRules rules, Clock clock) {
    this(rules, clock, DEFAULT_MAX_READS);
  }

  /** @param maxReads the most distinct URLs this prefetcher fetches; keys past it are not sent */
  public Prefetcher(TokenRules rules, Clock clock, int maxReads) {
    this(rules, clock, new Reads(maxReads));
  }

  /** Shares {@code reads} (each URL once, a budget in all) with the other prefetchers of a run. */
  Prefetcher(TokenRules rules, Clock clock, Reads reads) {
    this.rules = rules;
    this.clock = clock;
    this.reads = reads;
  }

  /**
   * @param templates the service's {@code prefetch} object from discovery (null or missing: none)
   * @param context the hook context the tokens read
   * @param hook the hook's definition, or null for a hook the catalog does not know
   * @param source where to fetch from, or null to resolve only (dry run without data)
   * @param given a ready prefetch object from the user, whose keys win (null: none)
   */
  public PrefetchResult run(JsonNode templates, ObjectNode context, HookDefinition hook, FhirSource source,
      JsonNode given, Duration timeout) {
    Run run = new Run(context, source, timeout);
    List<String> order = new ArrayList<>();
    if (templates != null && templates.isObject()) {
      for (Iterator<String> it = templates.fieldNames(); it.hasNext(); ) {
        order.add(it.next());
      }
    }
    for (int i = 0; i < order.size(); i++) {
      String key = order.get(i);
      JsonNode t = templates.get(key);
      if (given != null && given.has(key)) {
        run.given(key, t.isTextual() ? t.asText() : null, given.get(key));
        continue;
      }
      if (!t.isTextual()) {
        run.report(new KeyReport(key, null, null, KeyReport.State.INVALID, 0, null, null, "the template is not a string"));
        continue;
      }
      PrefetchTemplate template;
      try {
        template = PrefetchTemplate.parse(t.asText(), rules, hook);
        checkReferences(key, template, order.subList(0, i), given);
      } catch (TemplateException e) {
        run.report(new KeyReport(key, t.asText(), null, KeyReport.State.INVALID, 0, null, null, e.getMessage()));
        continue;
      }
      for (String ref : template.references()) {
        if (run.isPending(ref)) {
          run.flush();
          break;
        }
      }
      run.resolve(key, template);
    }
    run.flush();
    if (given != null) {
      for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!order.contains(k)) {
          run.given(k, null, given.get(k));
        }
      }
    }
    return run.result(order);
  }

  private static void checkReferences(String key, PrefetchTemplate t, List<String> earlier, JsonNode given)
      throws TemplateException {
    for (String ref : t.references()) {
      if (earlier.contains(ref) || (given != null && given.has(ref))) {
        continue;
      }
      if (ref.equals(key)) {
        throw new TemplateException("%" + ref + " refers to its own key");
      }
      throw new TemplateException("%" + ref + " is not a prefetch key listed before '" + key
          + "' (a template may only use earlier keys; cycles are not allowed)");
    }
  }

  /** The state of one fulfilment: results so far and the fetches waiting to run together. */
  private final class Run implements FhirPath.Env {
    private final ObjectNode context;
    private final FhirSource source;
    private final long deadline;
    private final Map<String, KeyReport> reports = new HashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Map<String, String> templateText = new HashMap<>();
    private final Map<String, JsonNode> contextResources = new HashMap<>();

    Run(ObjectNode context, FhirSource source, Duration timeout) {
      this.context = context;
      this.source = source;
      this.deadline = System.nanoTime() + timeout.toNanos();
      index(context, contextResources);
    }

    boolean isPending(String key) {
      return pending.containsKey(key);
    }

    void report(KeyReport r) {
      reports.put(r.key(), r);
    }

    void given(String key, String template, JsonNode value) {
      values.put(key, value);
      report(new KeyReport(key, template, null, KeyReport.State.GIVEN, 0,
          value.isNull() ? null : value.path("resourceType").asText(null), entries(value), null));
    }

    void resolve(String key, PrefetchTemplate template) {
      PrefetchTemplate.Resolution r;
      try {
        r = template.resolve(this);
      } catch (TemplateException e) {
        report(new KeyReport(key, template.text(), null, KeyReport.State.INVALID, 0, null, null, e.getMessage()));
        return;
      }
      if (r.isSkipped()) {
        report(new KeyReport(key, template.text(), null, KeyReport.State.SKIPPED, 0, null, null, r.skipped()));
      } else if (UrlText.leavesBase(r.url())) {
        // the FHIR token goes with every read: a template (or a context value in it) must not aim
        // it at other paths of the FHIR host
        report(new KeyReport(key, template.text(), r.url(), KeyReport.State.INVALID, 0, null, null,
            "refused: " + r.url() + " leads outside the FHIR base URL (a '..' segment, maybe encoded); nothing was fetched"));
      } else if (source == null) {
        report(new KeyReport(key, template.text(), r.url(), KeyReport.State.NOT_FETCHED, 0, null, null,
            "no FHIR source (give a FHIR server or local FHIR data)"));
      } else {
        templateText.put(key, template.text());
        pending.put(key, r.url());
      }
    }

    /**
     * Fetches every pending URL in parallel, on a small pool, within what is left of the timeout
     * of the whole run; a URL already fetched in this run is answered from that fetch, and past
     * the run's budget of reads nothing more is fetched.
     */
    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      ExecutorService pool = Executors.newFixedThreadPool(MAX_PARALLEL, new DaemonThreads("cds-prefetch"));
      try {
        Map<String, Future<FhirResponse>> futures = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : pending.entrySet()) {
          String url = p.getValue();
          Future<FhirResponse> f = reads.earlier(url);
          if (f == null && outOfTime()) {
            fail(p.getKey(), url, "no time left within the timeout for prefetch");
            continue;
          }
          if (f == null) {
            f = reads.fetch(url, u -> pool.submit(() -> source.get(u, remaining())));
          }
          if (f == null) {
            fail(p.getKey(), url, "not fetched: this run already made its " + reads.max() + " prefetch reads");
          } else {
            futures.put(p.getKey(), f);
          }
        }
        for (Map.Entry<String, Future<FhirResponse>> f : futures.entrySet()) {
          String key = f.getKey();
          String url = pending.get(key);
          try {
            long wait = Math.max(1, remaining().toMillis());
            record(key, url, f.getValue().get(wait, TimeUnit.MILLISECONDS));
          } catch (TimeoutException | java.util.concurrent.CancellationException e) {
            f.getValue().cancel(true);
            fail(key, url, "no answer within the timeout");
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            fail(key, url, cause instanceof IOException io
                ? NetworkErrors.describe(io, source.describe() + "/" + url, remaining()).getMessage()
                : String.valueOf(cause));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(key, url, "interrupted");
          }
        }
      } finally {
        pool.shutdownNow();
        pending.clear();
      }
    }

    private void record(String key, String url, FhirResponse response) {
      String template = templateText.get(key);
      int status = response.status();
      JsonNode body = response.body();
      String type = response.resourceType();
      if (status >= 200 && status < 300) {
        if (type == null) {
          fail(key, url, "answered " + status + " without a FHIR resource");
          return;
        }
        values.put(key, body);
        report(new KeyReport(key, template, url, KeyReport.State.FETCHED, status, type, entries(body), null));
      } else if (isRead(url) && (status == 404 || status == 410)) {
        values.put(key, NullNode.getInstance());
        report(new KeyReport(key, template, url, KeyReport.State.NO_DATA, status, null, null, null));
      } else if ("OperationOutcome".equals(type)) {
        values.put(key, body);
        report(new KeyReport(key, template, url, KeyReport.State.OPERATION_OUTCOME, status, type, null, null));
      } else {
        report(new KeyReport(key, template, url, KeyReport.State.FAILED, status, null, null,
            "answered HTTP " + status + " without an OperationOutcome"));
      }
    }

    private boolean outOfTime() {
      return System.nanoTime() >= deadline;
    }

    private void fail(String key, String url, String why) {
      report(new KeyReport(key, templateText.get(key), url, KeyReport.State.FAILED, 0, null, null, why));
    }

    private Duration remaining() {
      return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    PrefetchResult result(List<String> order) {
      List<KeyReport> list = new ArrayList<>();
      ObjectNode prefetch = Json.object();
      List<String> all = new ArrayList<>(order);
      for (String k : reports.keySet()) {
        if (!order.contains(k)) {
          all.add(k);
        }
      }
      for (String key : all) {
        KeyReport r = reports.get(key);
        list.add(r);
        if (r.state().sent()) {
          prefetch.set(key, values.get(key));
        }
      }
      return new PrefetchResult(List.copyOf(list), prefetch, source == null ? null : source.describe());
    }

    @Override
    public JsonNode context() {
      return context;
    }

    @Override
    public JsonNode variable(String key) {
      return values.get(key);
    }

    @Override
    public LocalDate today() {
      return LocalDate.now(clock);
    }

    @Override
    public JsonNode find(String type, String id) {
      JsonNode r = contextResources.get(type + "/" + id);
      if (r != null) {
        return r;
      }
      Map<String, JsonNode> fetched = new HashMap<>();
      for (JsonNode v : values.values()) {
        index(v, fetched);
      }
      return fetched.get(type + "/" + id);
    }
  }

  private static boolean isRead(String url) {
    return url.indexOf('?') < 0 && url.split("/").length == 2;
  }

  private static Integer entries(JsonNode value) {
    if (value == null || !"Bundle".equals(value.path("resourceType").asText())) {
      return null;
    }
    return value.path("entry").size();
  }

  /** Every resource (anything with resourceType and id) inside a JSON tree, by {@code Type/id}. */
  private static void index(JsonNode node, Map<String, JsonNode> into) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      if (node.path("resourceType").isTextual() && node.path("id").isTextual()) {
        into.putIfAbsent(node.get("resourceType").asText() + "/" + node.get("id").asText(), node);
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        index(it.next(), into);
      }
    } else if (node.isArray()) {
      for (JsonNode n : node) {
        index(n, into);
      }
    }
  }
}
