package dev.cds.cli;

import dev.cds.auth.CdsHooksJwt;
import dev.cds.auth.JwsAlgorithm;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.auth.SmartBackendServices;
import dev.cds.client.Authorizer;
import dev.cds.http.Transport;
import dev.cds.core.CdsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * How requests are authenticated: a CDS Hooks JWT signed per request ({@code --key --iss}), a
 * SMART Backend Services access token ({@code --key --client-id --smart-…}), or nothing. The
 * JOSE library is loaded only when one of these is used.
 */
public final class AuthOptions {
  @Option(names = "--key", paramLabel = "FILE",
      description = "Private key (PEM or JWK) signing the CDS Hooks JWT or the SMART assertion.")
  String key;

  @Option(names = "--iss", paramLabel = "ISSUER", description = "Sign a CDS Hooks JWT with this issuer.")
  String issuer;

  @Option(names = "--kid", paramLabel = "KID", description = "Key id in the JWT header (default: the key's thumbprint).")
  String kid;

  @Option(names = "--jku", paramLabel = "URL", description = "URL of your published JWK Set, put in the JWT header.")
  String jku;

  @Option(names = "--tenant", paramLabel = "T", description = "tenant claim: the calling organisation.")
  String tenant;

  @Option(names = "--alg", paramLabel = "ES384|RS384", description = "Expected signing algorithm (checked against the key).")
  JwsAlgorithm alg;

  @Option(names = "--jwt-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "JWT lifetime, at most 300s (default: 300s).")
  Duration jwtTtl;

  @Option(names = "--smart-token-url", paramLabel = "URL", description = "SMART Backend Services token endpoint.")
  String smartTokenUrl;

  @Option(names = "--smart-discovery", paramLabel = "FHIR_BASE",
      description = "Find the token endpoint in FHIR_BASE/.well-known/smart-configuration.")
  String smartDiscovery;

  @Option(names = "--client-id", paramLabel = "ID", description = "SMART client id (iss and sub of the assertion).")
  String clientId;

  @Option(names = "--scope", paramLabel = "SCOPES", description = "SMART scopes, e.g. 'system/Patient.rs'.")
  String scope;

  /** Whether any authentication option was given. */
  public boolean isSet() {
    return smart() || issuer != null || key != null || kid != null || jku != null
        || tenant != null || alg != null || jwtTtl != null;
  }

  /**
   * {@link Authorizer#NONE} when no option is set; usage error (exit 2) for incomplete combinations.
   *
   * @param timeout for the SMART token (and discovery) requests
   * @param verbose whether to say on stderr where tokens come from (never the tokens themselves)
   */
  public Authorizer authorizer(CliContext ctx, Transport transport, Duration timeout, boolean verbose) {
    if (!isSet()) {
      return Authorizer.NONE;
    }
    if (smart() && issuer != null) {
      throw CdsException.usage("choose one: --iss signs a CDS Hooks JWT; --client-id and --smart-token-url"
          + " (or --smart-discovery) fetch a SMART access token");
    }
    if (key == null) {
      throw CdsException.usage(smart()
          ? "SMART Backend Services needs --key FILE, the private key registered for --client-id"
          : "a CDS Hooks JWT needs --key FILE and --iss ISSUER ('cds keys generate' makes a key)");
    }
    if (!smart() && issuer == null) {
      throw CdsException.usage("--key needs --iss ISSUER (CDS Hooks JWT) or --client-id with"
          + " --smart-token-url (SMART Backend Services)");
    }
    if (smart() && (tenant != null || jwtTtl != null)) {
      throw CdsException.usage("--tenant and --jwt-ttl shape the CDS Hooks JWT (--iss), not a SMART token request");
    }
    Duration ttl = jwtTtl;
    // usage mistakes (a file: token URL …) first, before the key file is even read
    SmartBackendServices.Settings smartSettings = smart()
        ? new SmartBackendServices.Settings(smartTokenUrl, smartDiscovery, clientId, scope, kid, jku) : null;
    SigningKey signingKey = KeyFiles.load(keyPath(ctx));
    checkAlgorithm(signingKey);
    if (smartSettings != null) {
      Consumer<String> log = verbose ? line -> ctx.err().println("cds: " + line) : line -> { };
      return new SmartBackendServices(signingKey, smartSettings, transport, ctx.clock(),
          ctx.configDir().resolve("tokens"), timeout, log);
    }
    return new CdsHooksJwt(signingKey, new CdsHooksJwt.Settings(issuer, kid, jku, tenant, ttl), ctx.clock());
  }

  private boolean smart() {
    return smartTokenUrl != null || smartDiscovery != null || clientId != null || scope != null;
  }

  Path keyPath(CliContext ctx) {
    return ctx.path(key);
  }

  private void checkAlgorithm(SigningKey signingKey) {
    if (alg == null) {
      return;
    }
    String wanted = alg.name();
    if (!wanted.equals(signingKey.algorithm())) {
      throw CdsException.usage("--alg " + wanted + " does not fit " + key + ", which signs "
          + signingKey.algorithm() + ": drop --alg or pass the matching key");
    }
  }
}
