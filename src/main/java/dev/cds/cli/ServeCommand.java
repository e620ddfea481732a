package dev.cds.cli;

import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.prefetch.FhirEndpoint;
import dev.cds.prefetch.ResourceStore;
import dev.cds.serve.CdsServer;
import dev.cds.serve.ServiceDefinition;
import dev.cds.serve.ServiceDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "serve",
    description = "Run a local CDS service from example definitions.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds serve                              # bundled examples on 127.0.0.1:8080",
      "  cds serve examples/services --port 0   # any free port; the URL is printed first",
      "  cds serve --record requests/           # keep every request received",
      "  cds serve --fhir-data examples/fhir/ehr.json  # plus read-only FHIR at /fhir",
      "  cds serve --jwks jwks.json             # 401 unless a valid CDS Hooks JWT",
      "  cds serve --tls self-signed --port 8443  # https; clients add --cacert (path printed)",
      "  cds serve --tls-cert cert.pem --tls-key key.pem \\",
      "      --public-url https://cds.example.org   # illustrative: your certificate",
      "  cds serve examples/services/crd --fhir-data examples/fhir/ehr.json   # a CRD payer",
      "  cds serve --spec 3.0                   # discovery names version and hookVersion",
      "",
      "A definition file: {\"id\", \"hook\", \"hookVersion\", \"title\", \"description\", \"prefetch\",",
      "\"extension\", \"response\": {\"body\"|\"bodyFile\", \"status\", \"delayMs\",",
      "\"annotate\"}, \"rules\": [{\"when\": {\"context.performer\": {\"notIn\": [...]}},",
      "\"body\": ...}], \"shape\": {\"drop\": [...], \"maxCards\": {...}}}. Paths are dotted",
      "or JSON pointers (/extension/davinci-crd.configuration/cost); conditions: equals,",
      "in, notIn, matches, type, present, count, not, default. \"annotate\" turns request",
      "resources into update system actions carrying an extension; \"shape\" drops cards",
      "or system actions the request switched off and keeps the most urgent cards.",
      "Each folder is one service set (sub-folders are not read). See examples/services/",
      "and examples/services/crd/.",
      "Every error answer carries an OperationOutcome. /fhir is not behind --jwks."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Mixin ServeListenOptions listen;

  @Mixin ServeTlsOptions tls;

  @Mixin SpecOption spec;

  @Parameters(paramLabel = "DIR", arity = "0..1",
      description = "Folder of service definitions (default: the bundled examples/services).")
  Path dir;

  @Option(names = "--record", paramLabel = "DIR", description = "Write each received request to a file in DIR.")
  Path record;

  /** The former name of --fhir-data, kept so existing scripts still run. */
  @Option(names = "--fhir", hidden = true, paramLabel = "BUNDLE|DIR")
  void fhirFormerName(Path value) {
    fhir = value;
  }

  @Option(names = "--fhir-data", paramLabel = "BUNDLE|DIR",
      description = "Also serve these FHIR resources read-only at /fhir (read, simple searches, metadata),"
          + " to anyone who can reach the port: --jwks does not cover /fhir.")
  Path fhir;

  @Option(names = "--jwks", paramLabel = "FILE|URL",
      description = "Require a CDS Hooks JWT signed by a key of this JWK Set (else 401).")
  String jwks;

  @Option(names = "--iss", paramLabel = "ISSUER", description = "With --jwks: the only iss accepted.")
  String issuer;

  /** The former name of --iss, kept so existing scripts still run. */
  @Option(names = "--issuer", hidden = true, paramLabel = "ISSUER")
  void issuerFormerName(String value) {
    issuer = value;
  }

  @Option(names = {"-q", "--quiet"}, description = "Do not log each request on stderr.")
  boolean quiet;

  private final CliContext ctx;

  ServeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The services to serve; under 3.0 each advertises the hook version it serves: the one its
   * definition names, else the hook library's current version of its hook.
   */
  static List<ServiceDefinition> definitions(Path dir, SpecVersion version) {
    List<ServiceDefinition> loaded = ServiceDefinitions.load(dir);
    if (!version.atLeast(SpecVersion.V3_0)) {
      return loaded;
    }
    HookCatalog catalog = HookCatalog.bundled();
    return loaded.stream().map(d -> d.withDefaultHookVersion(
        catalog.knows(d.hook()) ? catalog.entry(d.hook()).defaultVersion() : null)).toList();
  }

  @Override
  public Integer call() throws InterruptedException {
    Path services = dir != null ? dir : bundledExamples();
    SpecVersion version = spec.version();
    CdsServer server = new CdsServer(definitions(services, version), quiet ? null : ctx.err(), ctx.clock())
        .limits(listen.limits()).spec(version);
    if (listen.publicUrl() != null) {
      server.publicUrl(listen.publicUrl());
    }
    if (record != null) {
      server.record(AtomicFiles.privateDirectory(record));
    }
    if (jwks != null) {
      server.gate(JwtGate.of(jwks, issuer, ctx.clock(), ctx.err()));
    } else if (issuer != null) {
      throw CdsException.usage("--iss applies with --jwks FILE|URL, the keys that sign the JWTs");
    }
    ResourceStore store = fhir == null ? null : ResourceStore.load(fhir);
    if (store != null) {
      server.mount("/fhir", new FhirEndpoint(store, "/fhir"));
    }
    server.tls(tls.context(ctx, listen.certificateNames()));
    server.start(listen.host, listen.port, listen.threads());
    // the bare URL is what scripts read from the first line; JSON only when asked for by name
    ctx.out().println(global.jsonRequested() ? Json.compact(Json.object().put("url", server.baseUrl())
        .put("services", server.baseUrl() + "/cds-services").put("fhir", store == null ? null : server.baseUrl() + "/fhir"))
        : server.baseUrl());
    ctx.out().flush();
    if (!quiet) {
      ctx.err().println("cds: serving " + services + " at " + server.baseUrl() + "/cds-services (Ctrl-C stops)");
      if (jwks != null) {
        ctx.err().println("cds: a JWT's aud must be " + server.publicUrl() + "/cds-services[/ID]"
            + (listen.publicUrl() == null ? " (--public-url names another base URL)" : ""));
      }
      if (store != null) {
        ctx.err().println("cds: serving " + store.size() + " FHIR resources from " + fhir + " at " + server.baseUrl()
            + "/fhir" + (jwks != null ? ", without a JWT check" : ""));
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  /** examples/services next to the jar's folder (target/ or the install), or in the working folder. */
  static Path bundledExamples() {
    String home = System.getProperty("cds.home");
    for (Path candidate : new Path[] {
        home == null ? null : Path.of(home, "examples", "services"),
        jarFolder() == null ? null : jarFolder().resolve("../examples/services"),
        jarFolder() == null ? null : jarFolder().resolve("examples/services"),
        Path.of("examples", "services")}) {
      if (candidate != null && Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    throw CdsException.usage("no service definitions given and examples/services not found: cds serve DIR");
  }

  private static Path jarFolder() {
    try {
      Path jar = Path.of(ServeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? jar.getParent() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
