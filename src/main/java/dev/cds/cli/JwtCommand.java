package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.auth.CdsHooksJwt;
import dev.cds.auth.JwtInspector;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.http.TlsSettings;
import dev.cds.http.UrlConnectionTransport;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "jwt",
    mixinStandardHelpOptions = true,
    description = "Decode, check and sign CDS Hooks JWTs (for debugging and curl).",
    subcommands = {JwtCommand.Decode.class, JwtCommand.Sign.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds jwt decode \"$(cat token.jwt)\" --jwks jwks.json",
      "  cds jwt sign --key key.pem --iss https://ehr.example \\",
      "      --aud https://cds.example/cds-services/crd"
    })
final class JwtCommand implements Callable<Integer> {
  static final Duration JWKS_TIMEOUT = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  JwtCommand(CliContext ctx) {
    // the subcommands do the work; the context reaches them through ContextFactory
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: decode or sign");
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Print a JWT's header and claims, when it expires and, with --jwks, whether its"
          + " signature verifies (exit 1 when it does not).",
      footerHeading = "%nExamples:%n",
      footer = {
        "  cds jwt decode eyJhbGciOiJFUzM4NCIs...   # illustrative: a whole token",
        "  pbpaste | cds jwt decode - --jwks jwks.json   # illustrative: macOS clipboard",
        "  cds jwt decode - --output json < token.jwt | jq .claims.aud"
      })
  static final class Decode implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(paramLabel = "TOKEN|-", description = "The JWT (a leading 'Bearer ' is fine), or - for stdin.")
    String token;

    @Option(names = "--jwks", paramLabel = "FILE|URL", description = "JWK Set to verify the signature with.")
    String jwks;

    @Option(names = "--cacert", paramLabel = "FILE", description = "For an https --jwks URL: trust these CA certificates.")
    Path cacert;

    @Option(names = "--insecure", description = "For an https --jwks URL: do not verify TLS (prints a warning).")
    boolean insecure;

    private final CliContext ctx;

    Decode(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      ctx.requirePipedStdin(token, "give the token as the argument, or pipe it in");
      String text = token.equals("-")
          ? new String(Json.readBytes("-", ctx.in()), StandardCharsets.UTF_8) : token;
      text = text.strip().replaceFirst("(?i)^(Authorization:\\s*)?Bearer\\s+", "");
      JwtInspector.Decoded decoded = JwtInspector.decode(text);
      String problem = null;
      if (jwks != null) {
        if (insecure) {
          ctx.err().println("cds: warning: --insecure: TLS certificates are NOT verified");
        }
        problem = JwtInspector.signatureProblem(text, dev.cds.auth.Jwks.load(jwks,
            new UrlConnectionTransport(new TlsSettings(cacert, insecure)), JWKS_TIMEOUT));
      }
      String signature = problem == null ? "unchecked" : problem.isEmpty() ? "valid" : "invalid";
      if (global.json(ctx)) {
        ObjectNode n = Json.object();
        n.set("header", decoded.header());
        n.set("claims", decoded.claims());
        n.put("expiry", decoded.expiryText(ctx.clock().instant()));
        n.put("signature", signature);
        if (problem != null && !problem.isEmpty()) {
          n.put("signatureProblem", problem);
        }
        ctx.out().println(Json.pretty(n));
      } else {
        // JSON text: every control character in the token's fields is written as an escape
        ctx.out().println("header: " + Json.pretty(decoded.header()));
        ctx.out().println("claims: " + Json.pretty(decoded.claims()));
        ctx.out().println("expiry: " + decoded.expiryText(ctx.clock().instant()));
        ctx.out().println("signature: " + (problem == null ? "not checked (pass --jwks FILE|URL)"
            : problem.isEmpty() ? "valid (" + Sanitizer.line(jwks) + ")" : "INVALID: " + problem));
      }
      if (problem != null && !problem.isEmpty()) {
        ctx.err().println("cds: the signature does not verify with " + Sanitizer.line(jwks) + ": " + problem);
        return ExitCode.FINDINGS;
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Print a signed CDS Hooks JWT for one URL, e.g. for curl.",
        "The bare token, also into a pipe; {token, header, claims} only with",
        "--output json."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  curl -fsS -H \"Authorization: Bearer $(cds jwt sign --key key.pem \\",
        "      --iss https://ehr.example --aud $CDS_BASE_URL/cds-services/order-dispatch-crd)\" \\",
        "      -H 'Content-Type: application/json' -d @request.json \\",
        "      $CDS_BASE_URL/cds-services/order-dispatch-crd",
        "  cds jwt sign --key key.pem --iss https://ehr.example \\",
        "      --aud https://cds.example/cds-services/crd --output json | jq .claims"
      })
  static final class Sign implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "Private key (PEM or JWK).")
    Path key;

    @Option(names = "--iss", paramLabel = "ISSUER", required = true, description = "iss claim.")
    String issuer;

    @Option(names = "--aud", paramLabel = "URL", required = true, description = "aud claim: the exact URL to be called.")
    String audience;

    @Option(names = "--kid", paramLabel = "KID", description = "Key id (default: the key's own, else its thumbprint).")
    String kid;

    @Option(names = "--jku", paramLabel = "URL", description = "URL of your JWK Set, put in the header.")
    String jku;

    @Option(names = "--tenant", paramLabel = "T", description = "tenant claim.")
    String tenant;

    /** The former name of --jwt-ttl, kept so existing scripts still run. */
    @Option(names = "--ttl", hidden = true, paramLabel = "DURATION", converter = DurationConverter.class)
    void ttlFormerName(Duration value) {
      ttl = value;
    }

    // no defaultValue: picocli would apply it over a value given by the former name
    @Option(names = "--jwt-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Lifetime, at most 300s (default: 300s).")
    Duration ttl;

    private final CliContext ctx;

    Sign(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      if (!audience.startsWith("https://") && !audience.startsWith("http://")) {
        throw CdsException.usage("--aud must be the exact http(s) URL the token is sent to, not '" + audience + "'");
      }
      CdsHooksJwt.Settings settings = new CdsHooksJwt.Settings(issuer, kid, jku, tenant,
          ttl == null ? CdsHooksJwt.MAX_TTL : ttl);
      SigningKey signingKey = KeyFiles.load(key);
      String token = new CdsHooksJwt(signingKey, settings, ctx.clock()).token(audience);
      if (global.jsonRequested()) {
        JwtInspector.Decoded decoded = JwtInspector.decode(token);
        ObjectNode n = Json.object().put("token", token);
        n.set("header", decoded.header());
        n.set("claims", decoded.claims());
        ctx.out().println(Json.pretty(n));
      } else {
        ctx.out().println(token);
      }
      return ExitCode.OK;
    }
  }
}
