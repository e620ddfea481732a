package dev.cds.cli;

import dev.cds.auth.KeyFiles;
import dev.cds.conformance.ConformanceRun;
import dev.cds.conformance.ExampleData;
import dev.cds.conformance.ForgedTokens;
import dev.cds.conformance.JunitXml;
import dev.cds.conformance.Report;
import dev.cds.conformance.TestSettings;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.http.ProxySettings;
import dev.cds.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "test",
    description = "Check a CDS service against CDS Hooks (and Da Vinci CRD): discovery, security, each service.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds test http://localhost:8080   # illustrative: a fixed port",
      "  cds test --key ehr.pem --iss https://ehr.example     # also the JWT checks",
      "  cds test --suite crd --fhir-server \"$FHIR\" --fhir-token \"$TOKEN\"   # illustrative: a real EHR",
      "  cds test --junit cds-test.xml --output json > report.json   # CI",
      "  cds test --dry-run        # the checks and the requests they would send",
      "",
      "Reads discovery, then prints how many requests it will send and sends only those,",
      "one after another. Requests are generated for each service's hook, prefetch from",
      "--fhir-server, --fhir-data or the bundled example EHR data. Feedback is sent",
      "only with --with-feedback. Each check has the spec's id, a level (SHALL, SHOULD,",
      "MAY) and a result: ✓ pass, ✗ fail, ! warn (a SHOULD or MAY not met), – skip,",
      "✗ error (could not be judged). Exit 1 when a SHALL check fails or errors (with",
      "--strict, also on warnings); 4 when the server cannot be reached at all."
    })
final class TestCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Mixin ServerOptions server;
  @Mixin AuthOptions auth;
  @Mixin FhirOptions fhir;
  @Mixin PrefetchSourceOptions prefetch;
  @Mixin SpecOption spec;

  @Parameters(paramLabel = "BASE_URL", arity = "0..1",
      description = "The CDS server (default: --base, CDS_BASE_URL or the profile).")
  String baseUrl;

  @Option(names = "--suite", paramLabel = "cds-hooks|crd",
      description = "cds-hooks only, or crd for every service (default: CRD checks for services that advertise it).")
  String suite;

  @Option(names = "--service", paramLabel = "ID", description = "Only this service (repeatable).")
  List<String> services;

  @Option(names = "--hook", paramLabel = "HOOK", description = "Only the services of this hook (repeatable).")
  List<String> hooks;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "10",
      description = "Sequential calls per service for the timing check (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--fail-on-p90", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "p90 budget for every service (default: 5s; CRD appointment-book 10s).")
  Duration failOnP90;

  @Option(names = "--with-feedback", description = "Also send feedback on a returned card (it writes to the service).")
  boolean withFeedback;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write the report as JUnit XML (whole or not at all).")
  Path junit;

  @Option(names = "--strict", description = "Warnings (SHOULD, MAY) fail the run too.")
  boolean strict;

  @Option(names = "--dry-run", description = "Read discovery, list the checks and the requests they would send; send nothing else.")
  boolean dryRun;

  private final CliContext ctx;

  TestCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TestSettings settings = settings();
    Wiring.Connection conn = Wiring.connect(ctx, global, server, auth, baseUrl);
    HookCatalog catalog = HookCatalog.bundled();
    ConformanceRun.Setup setup = new ConformanceRun.Setup(conn.client(), catalog, new Validator(catalog), ctx.clock(),
        prefetch.settings(fhir, ctx, false).open(conn.transport(), ctx.clock(), ctx.in(), ExampleData.store()),
        fhir.access(), conn.tls(), Wiring.tls(ctx, server, false), ProxySettings.of(ctx.env(), server.proxy), tokens(),
        securityUnavailable());
    ConformanceRun run = new ConformanceRun(setup, settings);
    TestReportRenderer out = new TestReportRenderer(ctx, global);
    ConformanceRun.Plan plan = run.plan(out.progress());
    out.planned(plan);
    if (dryRun) {
      out.dryRun(plan);
      return ExitCode.OK;
    }
    Report report = run.run(plan, out.progress());
    out.report(report);
    if (junit != null) {
      AtomicFiles.write(junit, JunitXml.of(report));
    }
    return report.exitCode();
  }

  private TestSettings settings() {
    TestSettings.Suite chosen = null;
    if (suite != null) {
      chosen = switch (suite) {
        case "cds-hooks" -> TestSettings.Suite.CDS_HOOKS;
        case "crd" -> TestSettings.Suite.CRD;
        default -> throw CdsException.usage("--suite " + suite + " is not a suite: use cds-hooks or crd");
      };
    }
    if (repeat < 0 || repeat > 1000) {
      throw CdsException.usage("--repeat " + repeat + " is out of range: 0 to 1000 calls (cds call --repeat is for load)");
    }
    if (failOnP90 != null && failOnP90.isZero()) {
      throw CdsException.usage("--fail-on-p90 must be positive");
    }
    if (dryRun && junit != null) {
      throw CdsException.usage("--dry-run sends no checks, so there is no report for --junit: drop one of them");
    }
    Path folder = junit == null ? null : junit.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      // found out before the run, not after it
      throw CdsException.badInput("cannot write --junit " + junit + ": there is no folder " + folder
          + " (create it first)");
    }
    return new TestSettings(chosen, spec.version(), services, hooks, repeat, failOnP90, withFeedback, strict);
  }

  /** The security checks forge CDS Hooks JWTs with the run's key: only when it signs them (--key with --iss). */
  private ForgedTokens tokens() {
    if (auth.key == null || auth.issuer == null) {
      return null;
    }
    return new ForgedTokens(KeyFiles.load(auth.keyPath(ctx)), auth.issuer, auth.kid, auth.jku, auth.tenant, ctx.clock());
  }

  private String securityUnavailable() {
    if (auth.key != null && auth.issuer == null) {
      return "the run authenticates with a SMART Backend Services token; these checks forge CDS Hooks JWTs"
          + " (--key with --iss)";
    }
    return "needs --key and --iss: a private key and issuer the service trusts";
  }
}
