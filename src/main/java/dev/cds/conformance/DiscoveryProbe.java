package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The discovery document, judged from the one GET that planned the run: its status and media
 * type, every discovery rule of the validator, and the prefetch templates (their grammar, and
 * the query restrictions).
 */
final class DiscoveryProbe implements Probe {
  static final String ENDPOINT = "hooks:discovery";
  static final String RESPONSE = "hooks:discovery.response";
  static final String TEMPLATES = "hooks:prefetch-template";
  static final String RESTRICTIONS = "hooks:prefetch-query-restrictions";
  /** The validator's rules about prefetch templates (shape, grammar, tokens) all name it. */
  private static final String TEMPLATE_RULES = "prefetch";
  private static final String RESTRICTION_RULE = "discovery.prefetch.restrictions";

  private final Target target;
  private final Session.Sent discovery;
  private final Check endpoint = Check.of(ENDPOINT, Level.SHALL, Area.DISCOVERY, null,
      "GET /cds-services answers 200 with a JSON object",
      "CDS Hooks, Discovery: \"The Discovery endpoint SHALL always be available at {baseUrl}/cds-services\"");
  private final Check response = Check.of(RESPONSE, Level.SHALL, Area.DISCOVERY, null,
      "the discovery document is valid",
      "CDS Hooks, Discovery, Response: \"Each CDS Service SHALL be described by the following attributes\"");
  private final Check templates = Check.of(TEMPLATES, Level.SHALL, Area.DISCOVERY, null,
      "prefetch templates parse",
      "CDS Hooks, Prefetch Template and Prefetch tokens");
  private final Check restrictions = Check.of(RESTRICTIONS, Level.SHOULD, Area.DISCOVERY, null,
      "prefetch keeps to the query restrictions",
      "CDS Hooks, Prefetch query restrictions: \"prefetch queries SHOULD be restricted to widely supported search"
          + " parameters and capabilities\"");

  /** @param discovery the discovery GET the run started with (null document when it failed) */
  DiscoveryProbe(Target target, Session.Sent discovery) {
    this.target = target;
    this.discovery = discovery;
  }

  @Override
  public List<Check> checks() {
    return List.of(endpoint, response, templates, restrictions);
  }

  @Override
  public List<PlannedRequest> plan() {
    return List.of(); // the discovery GET is sent before the plan is made
  }

  @Override
  public List<CheckResult> run(Session session) {
    JsonNode doc = discovery.json();
    String problem = !discovery.answered() ? "no answer: " + discovery.exchange().failure()
        : discovery.status() != 200 ? "expected HTTP 200, got " + discovery.status()
        : doc == null || !doc.isObject() ? "HTTP 200 but the body is not a JSON object" : null;
    if (problem != null) {
      String skipped = "no discovery document to check";
      return List.of(endpoint.notMet(problem).with(discovery.exchange()), response.skip(skipped),
          templates.skip(skipped), restrictions.skip(skipped));
    }
    CheckResult first = endpoint.pass("HTTP 200, " + Answers.count(doc.path("services").size(), "service"))
        .with(discovery.exchange());
    if (discovery.result().charsetProblem() != null) {
      first = first.note(Excerpts.clean(discovery.result().charsetProblem()));
    }
    if (!discovery.result().isJson()) {
      first = first.note("Content-Type is " + discovery.result().header("content-type") + ", not application/json");
    }
    // the CRD rules are judged per service by the CRD checks
    List<Finding> findings = Answers.hooks(
        target.validator().validate(doc, DocumentKind.DISCOVERY, target.settings().validation()));
    List<Finding> general = new ArrayList<>();
    List<Finding> template = new ArrayList<>();
    List<Finding> restricted = new ArrayList<>();
    for (Finding f : findings) {
      if (f.is(RESTRICTION_RULE)) {
        restricted.add(f);
      } else if (f.rule().contains(TEMPLATE_RULES)) {
        template.add(f);
      } else {
        general.add(f);
      }
    }
    return List.of(first,
        judge(response, general, "valid against every discovery rule"),
        judge(templates, template, "every template parses"),
        judge(restrictions, restricted, "every template keeps to reads, type searches and the listed parameters"));
  }

  /** Errors fail the check; for a SHOULD, warnings are what it is about. Findings become notes. */
  private static CheckResult judge(Check check, List<Finding> findings, String passed) {
    List<Finding> against = findings.stream()
        .filter(f -> check.level() == Level.SHALL ? f.isError() : !f.isNote()).toList();
    CheckResult r = against.isEmpty() ? check.pass(passed)
        : check.notMet(Answers.count(against.size(), check.level() == Level.SHALL ? "error" : "problem") + ": "
            + Excerpts.clean(against.get(0).toString()));
    return r.notes(Answers.notes(findings));
  }
}
