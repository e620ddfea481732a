package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.cards.Responses;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.FhirVersion;
import dev.cds.model.ServiceOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import dev.cds.hooks.HookCatalog;
import dev.cds.validate.CrdScope;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.FindingsRenderer;
import dev.cds.validate.Validator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate",
    description = {
      "Check a request, response, discovery or feedback document against the spec.",
      "Requests are checked against the hook catalog too; FHIR R4 resources inside",
      "are parsed with HAPI (--no-fhir skips that)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds validate request.json",
      "  cds validate examples/requests/*.json   # each file; exit code of the worst",
      "  cds init order-dispatch | cds validate -",
      "  cds validate saved.json --as response --output json | jq '.[].rule'",
      "  cds validate examples/requests/order-dispatch-1.0.json --no-fhir --hook-version 1.0",
      "  curl -s \"$CDS_BASE_URL/cds-services\" | cds validate - --spec 3.0",
      "  cds validate examples/responses/order-dispatch-crd.json \\",
      "      --crd --hook order-dispatch   # exit 1: it has errors",
      "",
      "Da Vinci CRD 2.2.1 checks (rule ids crd:KEY from the guide's requirements) run on",
      "discovery entries with davinci-crd extensions, requests with davinci-crd.*",
      "extensions, responses with coverage information, or everywhere with --crd.",
      "CRD context models are checked field by field (required fields, types,",
      "reference targets); resource-level profiles (US Core, CRD's) are out of scope."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Mixin SpecOption spec;

  @Parameters(paramLabel = "FILE|-", arity = "1..*",
      description = "The JSON documents, each checked and reported; - reads stdin.")
  List<String> files;

  /** Set when several files are checked: JSON output is then one line per file. */
  private boolean many;

  @Option(names = "--as", paramLabel = "request|response|discovery|feedback",
      description = "What the document is (default: told by its members).")
  DocumentKind as;

  @Option(names = "--no-fhir", description = "Skip the FHIR checks of embedded resources (fast).")
  boolean noFhir;

  @Option(names = "--fhir-version", paramLabel = "R4|STU3|DSTU2",
      description = "FHIR version of the resources (default: told by their types, else R4).")
  FhirVersion fhirVersion;

  @Option(names = "--hook-version", paramLabel = "V",
      description = "Hook version of a request (default: the one its context matches best).")
  String hookVersion;

  @Option(names = "--crd", description = "Run the Da Vinci CRD checks even when the document does not show CRD.")
  boolean crd;

  @Option(names = "--hook", paramLabel = "HOOK",
      description = "The hook a response answers (CRD rules differ for primary and secondary hooks).")
  String hook;

  private final CliContext ctx;

  ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String version = fhirVersion == null ? null : fhirVersion.name();
    many = files.size() > 1;
    int worst = ExitCode.OK;
    for (String file : files) {
      int code;
      try {
        code = validate(file, version);
      } catch (CdsException e) {
        if (!many || e.exitCode() != ExitCode.BAD_INPUT) {
          throw e;
        }
        // one unreadable file among many: say so and go on with the rest
        ctx.err().println("cds: " + e.message(SettingNames::flag));
        code = e.exitCode();
      }
      worst = Math.max(worst, code);
    }
    return worst;
  }

  private int validate(String file, String version) {
    ctx.requirePipedStdin(file, "give a file, e.g. cds validate request.json, or pipe one in");
    String source = file.equals("-") ? "stdin" : file;
    byte[] bytes = Json.readBytes(file, ctx.in());
    Validator validator = new Validator(HookCatalog.bundled());
    Validator.Options options = new Validator.Options(!noFhir, version, hookVersion, spec.version())
        .withCrd(new CrdScope(crd, hook, null, null));
    // the spec is named only when it is not the default, so 2.0 output stays as it always was
    String against = spec.version() == SpecVersion.DEFAULT ? "" : ", CDS Hooks " + spec.version().label();
    List<ServiceOutcome> envelopes = as == null
        ? Responses.envelopes(new String(bytes, StandardCharsets.UTF_8), source) : List.of();
    if (!envelopes.isEmpty()) {
      // saved cds call output: each service's response body is checked
      boolean errors = false;
      for (ServiceOutcome o : envelopes) {
        List<Finding> findings = o.failed() || o.body() == null ? List.of()
            : validator.validate(o.body(), DocumentKind.RESPONSE,
                options.withCrd(new CrdScope(crd, hook != null ? hook : o.hook(), null, null)));
        errors |= findings.stream().anyMatch(Finding::isError);
        report(findings, source + " " + o.service() + (o.failed() ? " (failed call: no response to check)" : " (response" + against + ")"),
            o.service());
      }
      return errors ? ExitCode.FINDINGS : ExitCode.OK;
    }
    JsonNode doc = Json.parse(bytes, source);
    DocumentKind kind = kind(doc, source);
    List<Finding> findings = validator.validate(doc, kind, options);
    if (many && global.json(ctx)) {
      ObjectNode n = Json.object().put("file", source).put("kind", kind.label());
      n.set("findings", FindingsRenderer.json(findings));
      ctx.out().println(Json.compact(n));
    } else {
      report(findings, source + " (" + kind.label() + against + ")", null);
    }
    return findings.stream().anyMatch(Finding::isError) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private void report(List<Finding> findings, String what, String service) {
    if (global.json(ctx) && service == null) {
      ctx.out().println(Json.pretty(FindingsRenderer.json(findings)));
    } else if (global.json(ctx)) {
      ObjectNode n = Json.object().put("service", service);
      n.set("findings", FindingsRenderer.json(findings));
      ctx.out().println(Json.compact(n));
    } else {
      ctx.out().print(new FindingsRenderer(global.color(ctx)).pretty(findings, what, ctx.tableWidth()));
    }
  }

  private DocumentKind kind(JsonNode doc, String source) {
    if (as != null) {
      return as;
    }
    return DocumentKind.detect(doc).orElseThrow(() -> CdsException.badInput(source + " is not a CDS Hooks"
        + " document cds recognises: a request has hook and context, a response cards, a discovery document"
        + " services, feedback a feedback list (or say which with --as)"));
  }
}
