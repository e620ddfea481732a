package dev.cds.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.Expectation;
import dev.cds.client.CdsClient;
import dev.cds.client.Discovery;
import dev.cds.client.HookCaller;
import dev.cds.client.RequestBuilder;
import dev.cds.core.CdsException;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.VersionChoice;
import dev.cds.load.AnswerCheck;
import dev.cds.model.Service;
import dev.cds.model.ServiceOutcome;
import dev.cds.prefetch.PrefetchResult;
import dev.cds.validate.CrdScope;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The use case behind {@code cds call}: discover, choose the services, build each request (hook
 * version, skeleton or given body, overrides, extensions, prefetch), check it, send them all at
 * once, check each response, and hold the result against the expectations. Knows nothing of the
 * command line; load runs and conformance checks drive the same steps.
 */
public final class HookCall {
  /** Sees each service's answer as it arrives, e.g. to print cards before the slowest service answers. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = new Listener() {
      @Override
      public void answered(ServiceCall call) {
        // nobody is watching
      }
    };

    void answered(ServiceCall call);
  }

  /**
   * The requests of a call, built and checked but not sent.
   *
   * @param hook the hook
   * @param byHook true when the target named a hook rather than one service
   * @param calls one per service, without outcomes
   * @param notes run-level warnings (discovery, versions)
   */
  public record Prepared(String hook, boolean byHook, List<ServiceCall> calls, List<String> notes) {
    public boolean blocked(CallSpec.Checks checks) {
      if (checks.blockInvalidRequests()) {
        for (ServiceCall c : calls) {
          if (c.requestHasErrors()) {
            return true;
          }
        }
      }
      return false;
    }

    /** The bodies to send, for load runs. */
    public List<HookCaller.Target> targets() {
      List<HookCaller.Target> targets = new ArrayList<>(calls.size());
      for (ServiceCall c : calls) {
        targets.add(new HookCaller.Target(c.service(), c.request()));
      }
      return targets;
    }
  }

  private final CdsClient client;
  private final HookCatalog catalog;
  private final Validator validator;

  public HookCall(CdsClient client, HookCatalog catalog, Validator validator) {
    this.client = client;
    this.catalog = catalog;
    this.validator = validator;
  }

  /** Prepares, then sends unless it is a dry run or a request has errors that block it. */
  public CallResult run(CallSpec spec, Listener listener) {
    Prepared p = prepare(spec);
    if (spec.dryRun() || p.blocked(spec.checks())) {
      return new CallResult(p.hook(), p.byHook(), p.calls(), p.notes(), null, p.blocked(spec.checks()));
    }
    return send(p, spec, listener);
  }

  /** Discovery, service choice, and each service's request with its prefetch and findings. */
  public Prepared prepare(CallSpec spec) {
    Discovery discovery = client.discover();
    List<Service> chosen;
    try {
      chosen = discovery.resolve(spec.target(), catalog.names(), spec.only());
    } catch (CdsException unknown) {
      if (!discovery.cached()) {
        throw unknown;
      }
      // the cached document may predate the service or hook: ask the server before giving up
      client.forgetDiscovery();
      discovery = client.discoverFresh();
      chosen = discovery.resolve(spec.target(), catalog.names(), spec.only());
    }
    return prepare(spec, discovery, chosen);
  }

  /** As {@link #prepare(CallSpec)}, from a discovery document already read (conformance runs read it once). */
  public Prepared prepare(CallSpec spec, Discovery discovery) {
    return prepare(spec, discovery, discovery.resolve(spec.target(), catalog.names(), spec.only()));
  }

  private Prepared prepare(CallSpec spec, Discovery discovery, List<Service> chosen) {
    List<String> notes = new ArrayList<>(discovery.warnings());
    String hook = chosen.get(0).hook();
    boolean byHook = spec.target().equals(hook);
    JsonNode userContext = contextOf(spec);
    List<ServiceCall> calls = new ArrayList<>();
    Map<String, ObjectNode> bodies = new HashMap<>();
    String hookInstance = null;
    for (Service s : chosen) {
      VersionChoice version = catalog.resolve(hook, spec.hookVersion(), s.hookVersion(), userContext);
      if (version.warning() != null && !notes.contains(version.warning())) {
        notes.add(version.warning());
      }
      if (version.definition() != null && version.definition().deprecated()) {
        String deprecated = hook + " is deprecated: services should move to "
            + String.join(" or ", version.definition().replacedBy());
        if (!notes.contains(deprecated)) {
          notes.add(deprecated);
        }
      }
      // one invocation of the hook: every service gets the same hookInstance, as from an EHR
      String versionKey = version.version() == null ? "" : version.version();
      ObjectNode built = bodies.get(versionKey);
      if (built == null) {
        built = new RequestBuilder(catalog).build(hook, version.definition(), source(spec));
        bodies.put(versionKey, built);
      }
      ObjectNode body = built.deepCopy();
      if (hookInstance == null) {
        hookInstance = body.path("hookInstance").asText();
      } else if (!spec.keepInstance() || !body.hasNonNull("hookInstance")) {
        body.put("hookInstance", hookInstance);
      }
      ObjectNode extension = spec.extensions().forService(s);
      if (extension != null && extension.size() > 0) {
        JsonNode current = body.get("extension");
        ObjectNode merged = current != null && current.isObject() ? (ObjectNode) current : body.putObject("extension");
        merged.setAll(extension);
      }
      PrefetchResult prefetch = spec.prefetch().fulfil(s.prefetchTemplates(), (ObjectNode) body.get("context"),
          version.definition(), client.timeout());
      if (prefetch.hasPrefetch()) {
        ObjectNode merged = prefetch.prefetch().deepCopy();
        if (body.path("prefetch").isObject()) {
          merged.setAll((ObjectNode) body.get("prefetch")); // keys in the given request win
        }
        body.set("prefetch", merged);
      }
      List<Finding> findings = validator.validate(body, DocumentKind.REQUEST,
          new Validator.Options(spec.checks().fhir(), spec.fhirVersion(), version.version(), spec.checks().spec())
              .withCrd(CrdScope.forRequest(s.node(), spec.checks().crd())));
      calls.add(new ServiceCall(s, version, body, prefetch, findings, null, List.of()));
    }
    return new Prepared(hook, byHook, List.copyOf(calls), List.copyOf(notes));
  }

  /** Sends every prepared request at once; checks each response and the expectations. */
  public CallResult send(Prepared p, CallSpec spec, Listener listener) {
    Map<String, ServiceCall> byService = new ConcurrentHashMap<>();
    for (ServiceCall c : p.calls()) {
      byService.put(c.service().id(), c);
    }
    List<HookCaller.Answer> answers = new HookCaller(client).callAll(p.targets(), new Judge(byService, spec, listener));
    List<ServiceCall> calls = new ArrayList<>();
    for (int i = 0; i < p.calls().size(); i++) {
      ServiceCall c = byService.get(p.calls().get(i).service().id());
      ServiceCall prepared = p.calls().get(i);
      calls.add(c.sent() ? c : judged(prepared, answers.get(i), responseOptions(spec, prepared)));
    }
    List<ServiceOutcome> outcomes = new ArrayList<>(calls.size());
    for (ServiceCall c : calls) {
      outcomes.add(c.outcome());
    }
    for (ServiceOutcome o : outcomes) {
      if (o.status() == 404) {
        client.forgetDiscovery(); // a service that is gone: the next run asks the server again
        break;
      }
    }
    Expectation.Verdict verdict = spec.expectation() != null && spec.expectation().active()
        ? spec.expectation().check(outcomes) : null;
    return new CallResult(p.hook(), p.byHook(), List.copyOf(calls), p.notes(), verdict, false);
  }

  /** Judges each answer as it arrives (on a pool thread) and hands it to the listener. */
  private final class Judge implements Consumer<HookCaller.Answer> {
    private final Map<String, ServiceCall> byService;
    private final CallSpec spec;
    private final Listener listener;

    Judge(Map<String, ServiceCall> byService, CallSpec spec, Listener listener) {
      this.byService = byService;
      this.spec = spec;
      this.listener = listener;
    }

    @Override
    public void accept(HookCaller.Answer a) {
      ServiceCall c = byService.get(a.outcome().service());
      ServiceCall done = judged(c, a, responseOptions(spec, c));
      byService.put(a.outcome().service(), done);
      listener.answered(done);
    }
  }

  /**
   * What a load run holds each answer against: what a single call would, namely cards at or above
   * the expectation's level, and under strict checks every finding of the response rules (with
   * the same CRD scope per service). {@link AnswerCheck#NONE} when neither is asked, so a plain
   * load run only scans its answers.
   */
  public AnswerCheck answerCheck(Prepared p, CallSpec spec) {
    Expectation expectation = spec.expectation();
    boolean levels = expectation != null && expectation.active();
    boolean strict = spec.checks().strict();
    if (!levels && !strict) {
      return AnswerCheck.NONE;
    }
    Map<String, Validator.Options> byService = new HashMap<>();
    p.calls().forEach(c -> byService.put(c.service().id(), responseOptions(spec, c)));
    return (target, body) -> {
      Set<String> problems = new TreeSet<>();
      if (levels) {
        expectation.hits(target.service().id(), body).forEach(h -> problems.add(h.indicator().word() + " card"));
      }
      if (strict) {
        validator.validate(body, DocumentKind.RESPONSE, byService.get(target.service().id()))
            .forEach(f -> problems.add(f.rule()));
      }
      return problems;
    };
  }

  /** How a service's answers are checked: the spec's response rules, CRD's where the call is CRD. */
  private static Validator.Options responseOptions(CallSpec spec, ServiceCall c) {
    return new Validator.Options(spec.checks().fhir(), null, null, spec.checks().spec())
        .withCrd(CrdScope.forResponse(c.request(), c.service().node(), spec.checks().crd()));
  }

  private ServiceCall judged(ServiceCall c, HookCaller.Answer a, Validator.Options options) {
    List<Finding> findings = new ArrayList<>();
    if (a.charsetProblem() != null) {
      findings.add(Finding.warning("response.charset", "", a.charsetProblem()));
    }
    if (!a.outcome().failed() && a.outcome().body() != null) {
      findings.addAll(validator.validate(a.outcome().body(), DocumentKind.RESPONSE, options));
    }
    int status = a.outcome().status();
    if (options.spec().atLeast(SpecVersion.V3_0) && status >= 300
        && !"OperationOutcome".equals(a.outcome().body() == null ? null : a.outcome().body().path("resourceType").asText())) {
      findings.add(Finding.warning("response.error.operationOutcome", "", "HTTP " + status + " without an"
          + " OperationOutcome body: CDS Hooks 3.0 (Returning OperationOutcome) says a service SHOULD explain"
          + " errors with one"));
    }
    ServiceOutcome o = a.outcome();
    if (o.status() == 412) {
      o = new ServiceOutcome(o.service(), o.hook(), o.status(), o.elapsedMillis(), o.body(),
          o.error() + "; " + missingPrefetch(c));
    }
    return c.withOutcome(o, findings);
  }

  /** What a 412 means for this service: the prefetch keys it declares and those that were not sent. */
  static String missingPrefetch(ServiceCall c) {
    JsonNode templates = c.service().prefetchTemplates();
    List<String> declared = new ArrayList<>();
    if (templates != null) {
      templates.fieldNames().forEachRemaining(declared::add);
    }
    JsonNode sent = c.request().path("prefetch");
    List<String> missing = declared.stream().filter(k -> !sent.has(k)).toList();
    if (declared.isEmpty()) {
      return "the service declares no prefetch, so it wants to query the FHIR server itself:"
          + " send fhirServer and fhirAuthorization";
    }
    return missing.isEmpty()
        ? "every declared prefetch key (" + String.join(", ", declared) + ") was sent: the service may also need"
            + " fhirServer and fhirAuthorization"
        : "the service needs prefetch keys it did not get: " + String.join(", ", missing)
            + " (fulfil them from a FHIR server or a local bundle, or give them ready)";
  }

  private static JsonNode contextOf(CallSpec spec) {
    JsonNode given = spec.request() != null ? spec.request() : spec.context();
    if (given != null && given.isObject() && given.path("context").isObject()) {
      return given.get("context");
    }
    return given;
  }

  private static RequestBuilder.Source source(CallSpec spec) {
    return new RequestBuilder.Source(spec.context(), spec.request(), spec.keepInstance(), spec.fhirVersion(),
        spec.overrides(), spec.fhir());
  }
}
