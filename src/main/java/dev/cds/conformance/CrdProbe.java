package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.crd.ConfigurationOption;
import dev.cds.crd.CrdCodes;
import dev.cds.crd.CrdConfiguration;
import dev.cds.crd.CrdService;
import dev.cds.crd.ResponseTypes;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Da Vinci CRD checks of one service: what it answers without configuration (and whether a
 * primary hook gets its Coverage Information), what each configuration option changes, the
 * versions it declares, and the requests CRD says to refuse. Judged by the validator's CRD
 * rules where they exist (dev-14, hook-16, resp-*), with the service's own baseline answer to
 * tell a real switch-off from a card that was never there.
 */
final class CrdProbe implements Probe {
  private static final String DEVIATIONS = "CRD deviations.md";
  private static final String HOOKS = "CRD hooks.md";
  /** A configuration code no service offers: CRD servers ignore what they do not support. */
  static final String UNKNOWN_OPTION = "cds-test-unknown-option";
  /** A CRD version no service lists. */
  static final String UNKNOWN_VERSION = "0.1";
  /** A context member no hook defines: CRD servers ignore what they do not recognise. */
  static final String UNKNOWN_CONTEXT = "cdsTestUnknown";
  /** The validator's rules of the CRD response types (cards.md). */
  private static final Set<String> RESPONSE_TYPE_RULES = Set.of("crd:resp-3", "crd:resp-5", "crd:resp-13",
      "crd:resp-19", "crd:resp-24", "crd:resp-25", "crd:resp-53", "crd:resp-70");
  /** The validator's rules of Coverage Information (the extension, its invariants, the primary hooks). */
  private static final Set<String> COVERAGE_RULES = Set.of("crd:resp-52", "crd:hook-16", "crd:hook-19", "crd:resp-38");

  private final Target target;
  private final TestedService service;
  private final CrdService crd;
  private final boolean primary;
  private final String coverageKey;
  private final List<ConfigurationOption> switches;
  private final ConfigurationOption maxCards;
  private final ConfigurationOption mistyped;
  /** The version a CRD client sends unasked (dev-3: required when the service lists several), or null. */
  private final String version;

  private final Check discovery;
  private final Check noConfiguration;
  private final Check coverageInformation;
  private final Check everyOrder;
  private final Check responseTypes;
  private final List<Check> switchedOff = new ArrayList<>();
  private final Check unknownOption;
  private final Check unknownContext;
  private final Check maxCardsCheck;
  private final List<Check> versions = new ArrayList<>();
  private final Check unknownVersion;
  private final Check wrongType;
  private final Check noCoverage;
  private final Check severalCoverages;

  CrdProbe(Target target, TestedService service) {
    this.target = target;
    this.service = service;
    this.crd = CrdService.of(service.service().node());
    this.primary = CrdCodes.PRIMARY_HOOKS.contains(service.hook());
    this.coverageKey = coverageKey(service);
    this.switches = crd.options().stream()
        .filter(o -> "boolean".equals(o.type()) && CrdCodes.CARD_TYPES.containsKey(o.code())).toList();
    this.maxCards = crd.option("max-cards").filter(o -> "integer".equals(o.type())).orElse(null);
    this.mistyped = crd.options().stream().filter(o -> "boolean".equals(o.type()) || "integer".equals(o.type()))
        .findFirst().orElse(null);
    this.version = CrdConfiguration.negotiate(crd.versions(), null, CrdConfiguration.Policy.SKIP).version();
    String id = service.id();
    discovery = check("crd:dev-1", "the discovery entry declares CRD versions and options as the guide says",
        DEVIATIONS + " dev-1: \"CRD servers SHALL declare at least one supported CRD version for each supported"
        + " hook\"; dev-4, dev-7, dev-8: each configuration option's elements, codes and uniqueness")
        .covering("crd:dev-4", "crd:dev-5", "crd:dev-7", "crd:dev-8");
    noConfiguration = check("crd:dev-15", "no configuration: 200, valid response", DEVIATIONS + " dev-15: \"CRD Servers"
        + " SHALL NOT require the inclusion of configuration information in a hook call\"; the request also has no"
        + " billing-options (billopt-2) and its prefetch in full (found-32: no 412 then)")
        .covering("crd:billopt-2", "crd:found-32");
    coverageInformation = check("crd:hook-16", "a Coverage Information system action", HOOKS + " hook-16: \"CRD Servers"
        + " SHALL include a Coverage Information system action in the response for 'primary' hooks\"")
        .covering(coverageCovers(service.hook()));
    everyOrder = check("crd:resp-29", "one coverage assertion per order, one assertion id per coverage", "CRD cards.md"
        + " resp-29: \"a system action SHALL be returned for each in-scope request resource\"; resp-32: distinct"
        + " coverage-assertion-ids for differing coverages").covering("crd:resp-32");
    responseTypes = check("crd:resp-13", "cards and system actions conform to their response types", "CRD cards.md"
        + " resp-13: \"All CRD responses SHALL comply with the general profile\", and each response type's profile")
        .covering("crd:resp-3", "crd:resp-5", "crd:resp-19", "crd:resp-24", "crd:resp-25", "crd:resp-53",
            "crd:resp-70");
    for (ConfigurationOption o : switches) {
      Check c = check("crd:dev-14", o.code() + "=false: no " + o.code() + (o.code().equals(CrdCodes.COVERAGE_INFO_OPTION)
          ? " system actions" : " cards"), DEVIATIONS + " dev-14: \"CRD Servers SHALL behave in the manner prescribed"
          + " by any supported configuration information\"; dev-5: setting the flag to false results in no cards of"
          + " that type");
      switchedOff.add(o.code().equals(CrdCodes.COVERAGE_INFO_OPTION) ? c.covering("crd:dev-5", "crd:resp-28")
          : c.covering("crd:dev-5"));
    }
    unknownOption = check("crd:dev-17", "an unknown configuration option is ignored", DEVIATIONS + " dev-17: \"CRD"
        + " Servers SHALL ignore unsupported configuration information\"");
    unknownContext = check("crd:hook-23", "an unknown context element is ignored", HOOKS + " hook-23: \"CRD Servers"
        + " SHALL handle unrecognized context elements by ignoring them\"").covering("crd:found-33");
    maxCardsCheck = check("crd:dev-14", "max-cards is respected", DEVIATIONS + " dev-14 and the service's own"
        + " max-cards option");
    for (String v : crd.versions()) {
      versions.add(check("crd:dev-2", "requestedVersion " + v + ": 200, valid response", DEVIATIONS + " dev-2: a"
          + " server that declares several CRD versions SHALL handle each"));
    }
    unknownVersion = Check.of("crd:hook-13", Level.SHOULD, Area.CRD, id, "requestedVersion " + UNKNOWN_VERSION
        + " (not listed) gets 422 or 400", HOOKS + " hook-13: 422 for a request that breaks the guide's constraints"
        + " (400 accepted, hook-14); a version the service does not list cannot be followed");
    wrongType = check("crd:hook-13", "a configuration value of the wrong type gets 422 or 400", HOOKS + " hook-13: 422"
        + " for a request that breaks the guide's constraints (dev-12: values of the option's type; 400 accepted,"
        + " hook-14), with an OperationOutcome (hook-10)").covering("crd:hook-10", "crd:hook-14");
    noCoverage = check("crd:hook-13", "no Coverage gets 400 with an OperationOutcome", HOOKS + " hook-13: \"the server"
        + " SHALL return a 400 error ... This includes situations where no Coverage is accessible\"")
        .covering("crd:hook-10");
    severalCoverages = check("crd:hook-13", "several Coverages get 400 with an OperationOutcome", HOOKS + " hook-13:"
        + " 400 \"where ... multiple Coverages are accessible\"").covering("crd:hook-10");
  }

  /** What a primary hook's Coverage Information shows besides hook-16: the response type, and its hook's own rule. */
  private static String[] coverageCovers(String hook) {
    List<String> ids = new ArrayList<>(List.of("crd:resp-14", "crd:resp-26", "crd:resp-48", "crd:resp-52"));
    switch (hook) {
      case "appointment-book" -> ids.add("crd:hook-26");
      case "order-dispatch" -> ids.add("crd:hook-33");
      default -> { }
    }
    return ids.toArray(String[]::new);
  }

  private Check check(String id, String title, String source) {
    return Check.of(id, Level.SHALL, Area.CRD, service.id(), title, source);
  }

  @Override
  public List<Check> checks() {
    List<Check> out = new ArrayList<>(List.of(discovery, noConfiguration, coverageInformation, everyOrder,
        responseTypes));
    out.addAll(switchedOff);
    out.add(unknownOption);
    out.add(unknownContext);
    out.add(maxCardsCheck);
    out.addAll(versions);
    out.addAll(List.of(unknownVersion, wrongType, noCoverage, severalCoverages));
    return out;
  }

  @Override
  public List<PlannedRequest> plan() {
    if (!service.testable()) {
      return List.of();
    }
    String url = target.endpoints().service(service.id()).toString();
    List<PlannedRequest> out = new ArrayList<>();
    out.add(new PlannedRequest("POST", url, "the generated request, no configuration"));
    switches.forEach(o -> out.add(new PlannedRequest("POST", url, "configuration " + o.code() + "=false")));
    out.add(new PlannedRequest("POST", url, "configuration " + UNKNOWN_OPTION + "=true"));
    out.add(new PlannedRequest("POST", url, "context." + UNKNOWN_CONTEXT + " added"));
    if (maxCards != null) {
      out.add(new PlannedRequest("POST", url, "configuration max-cards one below the baseline's cards"));
    }
    crd.versions().forEach(v -> out.add(new PlannedRequest("POST", url, "requestedVersion " + v)));
    out.add(new PlannedRequest("POST", url, "requestedVersion " + UNKNOWN_VERSION));
    if (mistyped != null) {
      out.add(new PlannedRequest("POST", url, "configuration " + mistyped.code() + " as a string"));
    }
    if (coverageKey != null) {
      out.add(new PlannedRequest("POST", url, "prefetch '" + coverageKey + "' with no Coverage"));
      out.add(new PlannedRequest("POST", url, "prefetch '" + coverageKey + "' with two Coverages"));
    }
    return out;
  }

  @Override
  public List<CheckResult> run(Session session) {
    List<CheckResult> out = new ArrayList<>();
    out.add(discovery());
    if (!service.testable()) {
      checks().stream().skip(1).forEach(c -> out.add(c.skip(service.unavailable())));
      return out;
    }
    Answer baseline = send(session, request(), noConfiguration.title());
    out.add(baseline.judge(noConfiguration, "HTTP 200, valid"));
    if (!baseline.valid()) {
      String why = "the request without configuration got no valid answer, so nothing else can be compared";
      checks().stream().skip(2).forEach(c -> out.add(c.skip(why)));
      return out;
    }
    out.add(coverage(baseline));
    out.add(everyOrder(baseline));
    out.add(byRules(responseTypes, baseline, RESPONSE_TYPE_RULES::contains,
        "every card and system action fits its CRD response type"));
    for (int i = 0; i < switches.size(); i++) {
      out.add(switchOff(session, switches.get(i), switchedOff.get(i), baseline));
    }
    out.add(unknownOption(session, baseline));
    ObjectNode extra = request();
    extra.withObjectProperty("context").put(UNKNOWN_CONTEXT, "ignore me");
    out.add(sameAnswer(unknownContext, send(session, extra, unknownContext.title()), baseline));
    out.add(maxCards(session, baseline));
    for (int i = 0; i < versions.size(); i++) {
      ObjectNode r = request();
      extension(r).put(CrdCodes.REQUESTED_VERSION, crd.versions().get(i));
      out.add(send(session, r, versions.get(i).title()).judge(versions.get(i), "HTTP 200, valid"));
    }
    ObjectNode unknown = request();
    extension(unknown).put(CrdCodes.REQUESTED_VERSION, UNKNOWN_VERSION);
    out.add(refused(send(session, unknown, unknownVersion.title()), unknownVersion, true));
    out.add(mistyped(session));
    out.addAll(coverages(session));
    return out;
  }

  private CheckResult coverage(Answer baseline) {
    if (!primary) {
      return coverageInformation.skip(service.hook() + " is not a primary CRD hook (appointment-book, order-sign,"
          + " order-dispatch)");
    }
    if (!baseline.hasCoverageInformation()) {
      return coverageInformation.notMet("no system action carries coverage information").with(baseline.sent().exchange());
    }
    return byRules(coverageInformation, baseline, r -> r.startsWith("crd-ci-") || COVERAGE_RULES.contains(r),
        "present and valid");
  }

  /** resp-29: a coverage-information system action for each order in the request; resp-32 from the validator. */
  private CheckResult everyOrder(Answer baseline) {
    if (!primary) {
      return everyOrder.skip(service.hook() + " is not a primary CRD hook");
    }
    if (!baseline.hasCoverageInformation()) {
      return everyOrder.skip("no coverage information came back to check (hook-16 is about that)");
    }
    Set<String> annotated = new LinkedHashSet<>();
    for (JsonNode a : baseline.body().path("systemActions")) {
      JsonNode r = a.path("resource");
      if (ResponseTypes.hasCoverageInformation(r)) {
        annotated.add(r.path("resourceType").asText() + "/" + r.path("id").asText());
      }
    }
    List<String> orders = orders(baseline.request());
    List<String> missing = orders.stream().filter(o -> !annotated.contains(o)).toList();
    if (!missing.isEmpty()) {
      return everyOrder.notMet("no coverage information for " + String.join(", ", missing)).with(baseline.sent().exchange());
    }
    return byRules(everyOrder, baseline, "crd:resp-32"::equals, Answers.count(orders.size(), "order") + " annotated");
  }

  private CheckResult switchOff(Session session, ConfigurationOption option, Check check, Answer baseline) {
    boolean coverageInfo = option.code().equals(CrdCodes.COVERAGE_INFO_OPTION);
    long before = coverageInfo ? baseline.coverageActions() : baseline.cardsOfType(option.code());
    if (before == 0) {
      return check.skip("the answer without configuration has no " + option.code() + (coverageInfo ? " system actions"
          : " cards") + ", so switching it off shows nothing");
    }
    ObjectNode request = request();
    configuration(request).put(option.code(), false);
    Answer a = send(session, request, check.title());
    return byRules(check, a, "crd:dev-14"::equals, before + " before, none now");
  }

  private CheckResult unknownOption(Session session, Answer baseline) {
    ObjectNode request = request();
    configuration(request).put(UNKNOWN_OPTION, true);
    return sameAnswer(unknownOption, send(session, request, unknownOption.title()), baseline);
  }

  /** Ignored means: a valid answer of the same kinds as without it. */
  private static CheckResult sameAnswer(Check check, Answer a, Answer baseline) {
    if (!a.valid()) {
      return a.judge(check, "");
    }
    if (!a.types().equals(baseline.types())) {
      return check.notMet("the answer changed: " + baseline.types() + " without it, " + a.types() + " with it")
          .with(a.sent().exchange());
    }
    return check.pass("HTTP 200, the same card types as without it").with(a.sent().exchange());
  }

  /** The validator's CRD discovery rules, for this service's entry alone. */
  private CheckResult discovery() {
    if (!CrdService.advertised(service.service().node())) {
      // the validator's CRD rules run for entries that advertise CRD; this one is tested as CRD because it was asked
      return discovery.notMet("the discovery entry has no davinci-crd.* extension: it declares no CRD version");
    }
    ObjectNode doc = Json.object();
    doc.putArray("services").add(service.service().node());
    List<Finding> findings = target.validator().validate(doc, DocumentKind.DISCOVERY, target.settings().validation())
        .stream().filter(Answers::crd).toList();
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();
    CheckResult r = errors.isEmpty()
        ? discovery.pass(Answers.count(crd.versions().size(), "version") + ", " + Answers.count(crd.options().size(),
            "configuration option"))
        : discovery.notMet(Excerpts.clean(errors.get(0).toString()));
    return r.notes(Answers.notes(findings));
  }

  private CheckResult maxCards(Session session, Answer baseline) {
    if (maxCards == null) {
      return maxCardsCheck.skip("the service offers no integer max-cards option");
    }
    int cards = baseline.body().path("cards").size();
    if (cards == 0) {
      return maxCardsCheck.skip("the answer without configuration has no cards to limit");
    }
    ObjectNode request = request();
    configuration(request).put("max-cards", cards - 1);
    Answer a = send(session, request, maxCardsCheck.title());
    return byRules(maxCardsCheck, a, "crd:dev-14"::equals, "max-cards=" + (cards - 1) + ": "
        + Answers.count(a.valid() ? a.body().path("cards").size() : 0, "card") + " (" + cards + " without it)");
  }

  private CheckResult mistyped(Session session) {
    if (mistyped == null) {
      return wrongType.skip("the service offers no boolean or integer configuration option");
    }
    ObjectNode request = request();
    configuration(request).put(mistyped.code(), "not-a-" + mistyped.type());
    return refused(send(session, request, wrongType.title()), wrongType, true);
  }

  private List<CheckResult> coverages(Session session) {
    if (coverageKey == null) {
      String why = "the service declares no Coverage prefetch: it would look the Coverage up on the EHR's FHIR server,"
          + " which a test run does not control";
      return List.of(noCoverage.skip(why), severalCoverages.skip(why));
    }
    ObjectNode none = request();
    ObjectNode empty = none.withObjectProperty("prefetch").putObject(coverageKey);
    empty.put("resourceType", "Bundle").put("type", "searchset").put("total", 0);
    empty.putArray("entry");
    CheckResult first = refused(send(session, none, noCoverage.title()), noCoverage, false);
    ObjectNode several = request();
    JsonNode found = several.path("prefetch").path(coverageKey);
    JsonNode coverage = found.path("entry").path(0).path("resource");
    if (!coverage.isObject()) {
      coverage = found.path("resourceType").asText().equals("Coverage") ? found : null;
    }
    if (coverage == null) {
      return List.of(first, severalCoverages.skip("the generated request has no Coverage to copy"));
    }
    ObjectNode twice = several.withObjectProperty("prefetch").putObject(coverageKey);
    twice.put("resourceType", "Bundle").put("type", "searchset").put("total", 2);
    ArrayNode entries = twice.putArray("entry");
    entries.addObject().set("resource", coverage.deepCopy());
    ObjectNode second = coverage.deepCopy();
    second.put("id", coverage.path("id").asText("coverage") + "-second");
    entries.addObject().set("resource", second);
    return List.of(first, refused(send(session, several, severalCoverages.title()), severalCoverages, false));
  }

  /**
   * 400, or with {@code unprocessable} 422 (400 accepted, hook-14), carrying an OperationOutcome.
   */
  private static CheckResult refused(Answer a, Check check, boolean unprocessable) {
    Session.Sent sent = a.sent();
    CheckResult r;
    int status = sent.status();
    boolean statusOk = status == 400 || (unprocessable && status == 422);
    if (!sent.answered()) {
      r = check.error("no answer: " + sent.exchange().failure());
    } else if (!statusOk) {
      r = check.notMet("expected HTTP " + (unprocessable ? "422 (or 400)" : "400") + ", got " + status);
    } else if (!sent.operationOutcome()) {
      r = check.notMet("HTTP " + status + " without an OperationOutcome (hook-10)");
    } else {
      r = check.pass("HTTP " + status + " with an OperationOutcome");
    }
    return r.with(sent.exchange());
  }

  /** Passes when the answer is valid and none of the validator's findings of these rules is an error. */
  private static CheckResult byRules(Check check, Answer a, java.util.function.Predicate<String> rules, String passed) {
    if (!a.valid()) {
      return a.judge(check, passed);
    }
    List<Finding> against = a.findings().stream().filter(f -> rules.test(f.rule())).toList();
    List<Finding> errors = against.stream()
        .filter(f -> f.isError() || f.rule().equals("crd:hook-16")).toList();
    CheckResult r = errors.isEmpty() ? check.pass(passed)
        : check.notMet(Excerpts.clean(errors.get(0).toString())
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    return r.with(a.sent().exchange()).notes(Answers.notes(against));
  }

  private Answer send(Session session, ObjectNode request, String purpose) {
    Session.Sent sent = session.postJson(target.endpoints().service(service.id()), request, Session.Auth.CONFIGURED,
        purpose);
    List<Finding> findings = new ArrayList<>();
    String problem = Answers.problem(target, sent, findings, service, request);
    return new Answer(request, sent, problem, findings);
  }

  /** A CRD answer: the request it answers, the exchange, and what the validator found. */
  private record Answer(JsonNode request, Session.Sent sent, String problem, List<Finding> findings) {
    boolean valid() {
      return problem == null;
    }

    JsonNode body() {
      return sent.json();
    }

    /** 200 with a response valid by the CDS Hooks rules; the CRD rules are other checks' business. */
    CheckResult judge(Check check, String passed) {
      return (problem == null ? check.pass(passed) : check.notMet(problem)).with(sent.exchange())
          .notes(Answers.notes(Answers.hooks(findings)));
    }

    boolean hasCoverageInformation() {
      return coverageActions() > 0;
    }

    long coverageActions() {
      long n = 0;
      for (JsonNode a : body().path("systemActions")) {
        n += ResponseTypes.hasCoverageInformation(a.path("resource")) ? 1 : 0;
      }
      return n;
    }

    long cardsOfType(String code) {
      long n = 0;
      for (JsonNode c : body().path("cards")) {
        n += code.equals(c.path("source").path("topic").path("code").asText()) ? 1 : 0;
      }
      return n;
    }

    /** The card types and whether coverage information came: what configuration can change. */
    Set<String> types() {
      Set<String> out = new java.util.TreeSet<>();
      body().path("cards").forEach(c -> out.add(c.path("source").path("topic").path("code").asText("(no topic)")));
      if (hasCoverageInformation()) {
        out.add("coverage-information system actions");
      }
      return out;
    }
  }

  /** The orders a primary hook's coverage information is about: draftOrders, dispatchedOrders or appointments. */
  private static List<String> orders(JsonNode request) {
    JsonNode context = request.path("context");
    List<String> out = new ArrayList<>();
    Consumer<JsonNode> bundle = b -> b.path("entry").forEach(e -> {
      JsonNode r = e.path("resource");
      if (r.path("id").isTextual()) {
        out.add(r.path("resourceType").asText() + "/" + r.path("id").asText());
      }
    });
    switch (request.path("hook").asText()) {
      case "order-sign" -> bundle.accept(context.path("draftOrders"));
      case "appointment-book" -> bundle.accept(context.path("appointments"));
      case "order-dispatch" -> context.path("dispatchedOrders").forEach(o -> out.add(o.asText()));
      default -> { }
    }
    return out;
  }

  /** The prefetch key whose template reads Coverage, or null. */
  private static String coverageKey(TestedService s) {
    JsonNode templates = s.service().prefetchTemplates();
    if (templates == null) {
      return null;
    }
    for (var it = templates.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().asText().startsWith("Coverage")) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The generated request as a CRD client sends it: with the negotiated requestedVersion. */
  private ObjectNode request() {
    ObjectNode request = service.request();
    if (version != null) {
      extension(request).put(CrdCodes.REQUESTED_VERSION, version);
    }
    return request;
  }

  private static ObjectNode extension(ObjectNode request) {
    return request.withObjectProperty("extension");
  }

  private static ObjectNode configuration(ObjectNode request) {
    return extension(request).withObjectProperty(CrdCodes.CONFIGURATION);
  }
}
