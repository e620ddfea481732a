package dev.cds.cli;

import dev.cds.client.RequestBuilder;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.SafeUrls;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The EHR's FHIR server as the request announces it: {@code fhirServer} and {@code fhirAuthorization}.
 * The access token can come from a file, stdin or {@code CDS_FHIR_TOKEN}, because a token typed
 * as an argument shows in {@code ps} to every user of the machine and stays in shell history.
 */
public final class FhirOptions {
  static final String TOKEN_ENV = "CDS_FHIR_TOKEN";

  @Option(names = "--fhir-server", paramLabel = "URL", description = "fhirServer of the request (and where prefetch is fetched).")
  String server;

  @Option(names = "--fhir-token", paramLabel = "TOKEN",
      description = "Access token handed to the service in fhirAuthorization. Visible in ps and shell history:"
          + " prefer --fhir-token-file or " + TOKEN_ENV + ".")
  String token;

  @Option(names = "--fhir-token-file", paramLabel = "FILE|-",
      description = "Read the access token from FILE, or from stdin with - (also: the " + TOKEN_ENV + " variable).")
  String tokenFile;

  @Option(names = "--fhir-scope", paramLabel = "SCOPES", description = "fhirAuthorization.scope (default: user/*.read).")
  String scope;

  @Option(names = "--fhir-subject", paramLabel = "CLIENT_ID", description = "fhirAuthorization.subject: the service's client id.")
  String subject;

  @Option(names = "--fhir-expires-in", paramLabel = "SECONDS", description = "fhirAuthorization.expires_in (default: 300).")
  Integer expiresIn;

  @Option(names = "--fhir-patient", paramLabel = "ID", description = "fhirAuthorization.patient (for patient/ scopes).")
  String patient;

  /** The command this mixin belongs to: tells a token typed on the command line from one in a profile. */
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private final CliContext ctx;
  private boolean resolved;
  private String resolvedToken;

  FhirOptions(CliContext ctx) {
    this.ctx = ctx;
  }

  public RequestBuilder.FhirAccess access() {
    return new RequestBuilder.FhirAccess(server(), token(), scope, subject, expiresIn, patient);
  }

  /** The FHIR base URL, or null; anything but an absolute http(s) URL is a usage error (exit 2). */
  public String server() {
    if (server != null && !SafeUrls.isHttp(server)) {
      throw CdsException.usage("--fhir-server must be the http(s) base URL of a FHIR server, not '" + server + "'");
    }
    return server;
  }

  /**
   * The access token from {@code --fhir-token}, {@code --fhir-token-file} or {@code CDS_FHIR_TOKEN},
   * or null. Read once; a token given as an argument earns a warning on stderr.
   */
  public String token() {
    if (!resolved) {
      resolvedToken = resolveToken();
      resolved = true;
    }
    return resolvedToken;
  }

  /** Precedence as for every option: command line, then {@code CDS_FHIR_TOKEN}, then the profile. */
  private String resolveToken() {
    boolean typedToken = token != null && typed("--fhir-token");
    boolean typedFile = tokenFile != null && typed("--fhir-token-file");
    if (typedToken && typedFile) {
      throw CdsException.usage("give the FHIR access token once: --fhir-token or --fhir-token-file");
    }
    if (typedToken) {
      ctx.err().println("cds: warning: --fhir-token shows the token to every user of this machine (ps) and keeps it"
          + " in shell history: use --fhir-token-file FILE|- or " + TOKEN_ENV);
      return token;
    }
    if (typedFile) {
      return readTokenFile();
    }
    if (ctx.env(TOKEN_ENV) != null) {
      return ctx.env(TOKEN_ENV);
    }
    return token != null ? token : tokenFile != null ? readTokenFile() : null;
  }

  private String readTokenFile() {
    String source = tokenFile.equals("-") ? "stdin" : tokenFile;
    String text = new String(Json.readBytes(tokenFile, ctx.in()), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw CdsException.badInput(source + " is empty: expected the FHIR access token");
    }
    if (text.contains("\n") || text.contains("\r")) {
      throw CdsException.badInput(source + " holds more than one line: expected the FHIR access token alone");
    }
    return text;
  }

  private boolean typed(String option) {
    ParseResult parsed = mixee == null ? null : mixee.commandLine().getParseResult();
    return parsed == null || parsed.hasMatchedOption(option);
  }
}
