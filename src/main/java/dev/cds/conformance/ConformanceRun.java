package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.call.CallSpec;
import dev.cds.call.HookCall;
import dev.cds.call.ServiceCall;
import dev.cds.client.CdsClient;
import dev.cds.client.Discovery;
import dev.cds.client.RequestBuilder;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.RandomIds;
import dev.cds.crd.CrdService;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.Overrides;
import dev.cds.http.HttpFailure;
import dev.cds.http.ProxySettings;
import dev.cds.http.TlsSettings;
import dev.cds.model.Service;
import dev.cds.prefetch.PrefetchRun;
import dev.cds.validate.Validator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A conformance run: read discovery (the one request sent before the plan), prepare a request per
 * service through the call engine, list every check and every request it may send, then run them
 * one after another and collect the report.
 */
public final class ConformanceRun {
  /** Network failures that mean the server cannot be reached at all (exit 4, no report). */
  private static final Set<HttpFailure.Kind> UNREACHABLE = Set.of(HttpFailure.Kind.REFUSED,
      HttpFailure.Kind.UNKNOWN_HOST, HttpFailure.Kind.TIMEOUT, HttpFailure.Kind.TLS, HttpFailure.Kind.CONNECTION);

  /**
   * What the run talks to and judges with, built by the command from its options.
   *
   * @param prefetch this run's prefetch, opened once (the bundled example data unless told otherwise)
   * @param fhir fhirServer and fhirAuthorization for the generated requests
   * @param tls the TLS settings requests use; {@code strictTls} the same trust with verification on
   * @param proxies the proxies requests go through (the raw preflight and handshake cannot)
   * @param tokens forges JWTs for the security checks, or null when the run does not sign
   * @param securityUnavailable why there are no tokens, when {@code tokens} is null
   */
  public record Setup(CdsClient client, HookCatalog catalog, Validator validator, Clock clock, PrefetchRun prefetch,
      RequestBuilder.FhirAccess fhir, TlsSettings tls, TlsSettings strictTls, ProxySettings proxies, ForgedTokens tokens,
      String securityUnavailable) {}

  /**
   * Everything the run will do, known before it starts.
   *
   * @param discovery the discovery exchange already made
   * @param notes run-level remarks, one line each
   */
  public record Plan(String base, List<String> suites, String spec, Exchange discovery, List<TestedService> services,
      List<Probe> probes, List<String> notes) {
    /** The most requests the checks will send (discovery not included: it is already sent). */
    public int requests() {
      return probes.stream().mapToInt(p -> p.plan().size()).sum();
    }

    public List<Check> checks() {
      return probes.stream().flatMap(p -> p.checks().stream()).toList();
    }

    /** What {@code --dry-run} prints as JSON: every check, and the requests each group of checks would send. */
    public ObjectNode toJson() {
      ObjectNode n = Json.object();
      n.put("base", base);
      suites.forEach(n.putArray("suites")::add);
      n.put("spec", spec);
      n.put("requests", requests());
      n.set("discovery", discovery.toJson());
      ArrayNode list = n.putArray("probes");
      for (Probe p : probes) {
        ObjectNode probe = list.addObject();
        ArrayNode checks = probe.putArray("checks");
        for (Check c : p.checks()) {
          ObjectNode check = checks.addObject();
          check.put("id", c.id());
          check.put("level", c.level().name());
          check.put("area", c.area().id());
          if (c.subject() != null) {
            check.put("service", c.subject());
          }
          check.put("title", c.title());
          check.put("source", c.source());
        }
        ArrayNode requests = probe.putArray("requests");
        for (PlannedRequest r : p.plan()) {
          requests.addObject().put("method", r.method()).put("url", r.url()).put("purpose", r.purpose());
        }
      }
      notes.forEach(n.putArray("notes")::add);
      return n;
    }
  }

  private final Setup setup;
  private final TestSettings settings;
  private Session.Sent discovery;
  private Instant started;
  private long startNanos;

  public ConformanceRun(Setup setup, TestSettings settings) {
    this.setup = setup;
    this.settings = settings;
  }

  /**
   * Reads discovery and plans the run. A server that cannot be reached at all is a
   * {@link HttpFailure} (exit 4); any answer, even an error, makes a plan.
   */
  public Plan plan(Session.Listener listener) {
    started = setup.clock().instant();
    startNanos = System.nanoTime();
    CdsClient client = setup.client();
    discovery = new Session(client, 1, listener).get(client.endpoints().discovery(), Session.Auth.CONFIGURED,
        "discovery");
    if (discovery.failure() != null && UNREACHABLE.contains(discovery.failure().kind())) {
      throw discovery.failure();
    }
    JsonNode doc = discovery.json();
    Discovery found = doc != null && doc.isObject() && discovery.status() == 200 ? Discovery.of(doc)
        : new Discovery(Json.object(), List.of(), List.of(), false);
    List<String> notes = new ArrayList<>(found.warnings());
    Target target = new Target(client.endpoints(), found, settings, setup.validator());
    List<TestedService> services = prepare(found, select(found), notes);
    List<Probe> probes = probes(target, services);
    Set<String> suites = new LinkedHashSet<>();
    suites.add(TestSettings.Suite.CDS_HOOKS.label());
    if (services.stream().anyMatch(TestedService::crd)) {
      suites.add(TestSettings.Suite.CRD.label());
    }
    return new Plan(client.endpoints().base(), List.copyOf(suites), settings.spec().label(), discovery.exchange(), services,
        probes, List.copyOf(notes));
  }

  /** Runs every probe of the plan in order; a probe that breaks becomes errors, never a lost report. */
  public Report run(Plan plan, Session.Listener listener) {
    Session session = new Session(setup.client(), plan.requests(), listener);
    List<CheckResult> results = new ArrayList<>();
    for (Probe p : plan.probes()) {
      try {
        results.addAll(p.run(session));
      } catch (CdsException e) {
        String why = "could not be judged: " + Excerpts.clean(e.getMessage());
        p.checks().forEach(c -> results.add(c.error(why)));
      }
    }
    return new Report(plan.base(), plan.suites(), plan.spec(), started, (System.nanoTime() - startNanos) / 1_000_000,
        session.sent() + 1, results, plan.notes(), settings.strict());
  }

  /** The services asked for; a service id or hook the server does not offer is a usage error. */
  private List<Service> select(Discovery d) {
    for (String id : settings.services()) {
      if (d.withId(id).isEmpty()) {
        throw CdsException.usage("no service '" + id + "' at " + setup.client().endpoints().base() + "; it offers: "
            + (d.ids().isEmpty() ? "none" : String.join(", ", d.ids())));
      }
    }
    for (String hook : settings.hooks()) {
      if (d.forHook(hook).isEmpty()) {
        throw CdsException.usage("no service at " + setup.client().endpoints().base() + " answers " + hook
            + "; the hooks offered: " + (d.hooks().isEmpty() ? "none" : String.join(", ", d.hooks())));
      }
    }
    return d.services().stream()
        .filter(s -> settings.services().isEmpty() || settings.services().contains(s.id()))
        .filter(s -> settings.hooks().isEmpty() || settings.hooks().contains(s.hook()))
        .filter(s -> s.id() != null && s.hook() != null)
        .toList();
  }

  /** Each service's generated request, through the call engine, one hook at a time. */
  private List<TestedService> prepare(Discovery d, List<Service> selected, List<String> notes) {
    HookCall engine = new HookCall(setup.client(), setup.catalog(), setup.validator());
    List<TestedService> out = new ArrayList<>();
    Set<String> hooks = new LinkedHashSet<>();
    selected.forEach(s -> hooks.add(s.hook()));
    List<ServiceCall> calls = new ArrayList<>();
    Map<String, String> unavailable = new HashMap<>();
    for (String hook : hooks) {
      List<String> ids = selected.stream().filter(s -> hook.equals(s.hook())).map(Service::id).toList();
      if (!setup.catalog().knows(hook)) {
        unavailable.put(hook, "cds has no request for the hook '" + hook + "': it is not in cds's hook catalog");
        continue;
      }
      CallSpec spec = new CallSpec(hook, ids, null, null, false, "R4", null, Overrides.parse(List.of()), setup.fhir(),
          null, setup.prefetch(), new CallSpec.Checks(false, false, false), null, true);
      try {
        HookCall.Prepared p = engine.prepare(spec, d);
        calls.addAll(p.calls());
        p.notes().stream().filter(n -> !notes.contains(n)).forEach(notes::add);
      } catch (CdsException e) {
        unavailable.put(hook, "cds could not build a " + hook + " request: " + Excerpts.clean(e.getMessage()));
      }
    }
    for (Service s : selected) {
      ServiceCall call = calls.stream()
          .filter(c -> s.id().equals(c.service().id()) && s.hook().equals(c.service().hook()))
          .findFirst().orElse(null);
      out.add(new TestedService(s, call, call == null ? unavailable.getOrDefault(s.hook(), "no request") : null, crd(s)));
    }
    return out;
  }

  private boolean crd(Service s) {
    if (settings.suite() != null) {
      return settings.suite() == TestSettings.Suite.CRD;
    }
    return CrdService.advertised(s.node());
  }

  private List<Probe> probes(Target target, List<TestedService> services) {
    CdsClient client = setup.client();
    TestedService first = services.stream().filter(TestedService::testable).findFirst().orElse(null);
    URI discoveryUri = client.endpoints().discovery();
    Supplier<JsonNode> anyRequest = first != null ? first::request : ConformanceRun::minimalRequest;
    List<Probe> probes = new ArrayList<>();
    probes.add(new DiscoveryProbe(target, discovery));
    probes.add(new UnknownServiceProbe(client.endpoints().service("cds-test-no-such-service-"
        + RandomIds.uuid().toString().substring(0, 8)), anyRequest));
    URI preflight = services.isEmpty() ? discoveryUri : client.endpoints().service(services.get(0).id());
    probes.add(new CorsProbe(preflight, services.isEmpty() ? "GET" : "POST", setup.tls(),
        setup.proxies().proxyFor(preflight) != null, client.timeout()));
    probes.add(new TlsProbe(discoveryUri, setup.tls(), setup.strictTls(), setup.proxies().proxyFor(discoveryUri) != null,
        client.timeout()));
    probes.add(first != null
        ? new SecurityProbe(setup.tokens(), setup.securityUnavailable(), client.endpoints().service(first.id()),
            first::request)
        : new SecurityProbe(setup.tokens(), setup.securityUnavailable(), discoveryUri, null));
    for (TestedService s : services) {
      probes.add(new GeneratedRequestProbe(target, s));
      probes.add(new MissingPrefetchProbe(target, s));
      probes.add(new BadRequestProbe(target, s));
      if (s.crd()) {
        probes.add(new CrdProbe(target, s));
      }
      probes.add(new FeedbackProbe(target, s, setup.clock()));
      probes.add(new TimingProbe(target, s));
    }
    return probes;
  }

  /** A patient-view request for when the server offers no service cds can build one for. */
  private static JsonNode minimalRequest() {
    ObjectNode n = Json.object();
    n.put("hook", "patient-view");
    n.put("hookInstance", RandomIds.uuid().toString());
    n.putObject("context").put("patientId", "example").put("userId", "Practitioner/example");
    return n;
  }
}
