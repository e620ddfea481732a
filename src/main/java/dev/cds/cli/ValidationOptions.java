package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.ServiceOutcome;
import dev.cds.core.ExitCode;
import dev.cds.hooks.HookCatalog;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Finding;
import dev.cds.validate.FindingsRenderer;
import dev.cds.validate.Validator;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Spec checks inside {@code cds call}, by the rules of {@code cds validate}: the request before it
 * is sent (errors stop the call), each response after (findings shown as warnings). FHIR content
 * (HAPI, about a second) only with {@code --validate-fhir}.
 */
public final class ValidationOptions {
  @Option(names = "--no-validate", description = "Send the request even when it breaks the spec.")
  boolean disabled;

  @Option(names = "--strict", description = "Exit 1 when a response breaks the spec.")
  boolean strict;

  @Option(names = "--validate-fhir", description = "Also parse FHIR resources in request and responses (loads HAPI).")
  boolean fhir;

  private Validator validator;

  private Validator validator(HookCatalog catalog) {
    if (validator == null) {
      validator = new Validator(catalog);
    }
    return validator;
  }

  /** Errors in the request to {@code service}: printed on stderr; true when the call must stop. */
  public boolean requestBlocked(CliContext ctx, HookCatalog catalog, String service, JsonNode body,
      String fhirVersion, String hookVersion, boolean verbose) {
    List<Finding> findings = validator(catalog).validate(body, DocumentKind.REQUEST,
        new Validator.Options(fhir, fhirVersion, hookVersion));
    boolean errors = findings.stream().anyMatch(Finding::isError);
    FindingsRenderer renderer = new FindingsRenderer(false);
    for (Finding f : findings) {
      if (f.isError() || verbose) {
        ctx.err().println("cds: " + (disabled && f.isError() ? "warning (--no-validate)" : "request to " + service)
            + ": " + renderer.line(f));
      }
    }
    if (errors && !disabled) {
      ctx.err().println("cds: the request breaks the spec (see above): fix it, or send it anyway with --no-validate");
      return true;
    }
    return false;
  }

  /** Findings of each response as warnings on stderr; the exit code {@code --strict} asks for. */
  public int checkResponses(CliContext ctx, HookCatalog catalog, List<ServiceOutcome> outcomes) {
    boolean any = false;
    FindingsRenderer renderer = new FindingsRenderer(false);
    for (ServiceOutcome o : outcomes) {
      if (o.body() == null || o.failed()) {
        continue;
      }
      for (Finding f : validator(catalog).validate(o.body(), DocumentKind.RESPONSE, Validator.Options.of(fhir))) {
        any = true;
        ctx.err().println("cds: warning: " + o.service() + " response: " + renderer.line(f));
      }
    }
    return strict && any ? ExitCode.FINDINGS : ExitCode.OK;
  }
}
