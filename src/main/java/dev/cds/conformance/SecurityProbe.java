package dev.cds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's side of the CDS Hooks JWT: a valid token gets through; no token, and tokens that
 * are wrong in one way each, get 401. Requiring authentication at all is only a SHOULD in CDS
 * Hooks; once a service does, a token that breaks a SHALL of the JWT rules must not pass.
 */
final class SecurityProbe implements Probe {
  private static final String TRUSTING = "CDS Hooks, Trusting CDS Clients";
  static final String VALID = "hooks:trusting-cds-clients.valid-jwt";
  static final String NO_JWT = "hooks:trusting-cds-clients";
  static final String AUD = "hooks:trusting-cds-clients.aud";
  static final String EXP = "hooks:trusting-cds-clients.exp";
  static final String ALG_NONE = "hooks:jwt-signing-algorithm";
  static final String SIGNATURE = "hooks:trusting-cds-clients.signature";
  static final String JTI = "hooks:trusting-cds-clients.jti";
  static final String SHOULD_REQUIRE = "services only SHOULD require authentication (" + TRUSTING + ": \"CDS Services"
      + " SHOULD require authentication if invoking the service poses any risk of exposing sensitive data\")";

  private final Check valid = check(VALID, Level.SHALL, "a valid JWT gets through",
      TRUSTING + ": the JWT the client signs for the endpoint it calls");
  private final Check none = check(NO_JWT, Level.SHOULD, "no JWT gets 401", TRUSTING + ": \"CDS Services SHOULD"
      + " require authentication\"");
  private final Check aud = check(AUD, Level.SHALL, "a JWT for another audience gets 401", TRUSTING
      + ": \"For CDS Hooks, this value [aud] SHALL be the URL of the CDS Service endpoint being invoked\"");
  private final Check exp = check(EXP, Level.SHALL, "an expired JWT gets 401", TRUSTING + ": exp is REQUIRED; RFC 7519"
      + " §4.1.4: the JWT MUST NOT be accepted for processing on or after it");
  private final Check algNone = check(ALG_NONE, Level.SHALL, "an alg: none JWT gets 401", "CDS Hooks, JWT Signing"
      + " Algorithm: \"JWTs SHALL NOT be signed using the none algorithm\"");
  private final Check signature = check(SIGNATURE, Level.SHALL, "a JWT from an unknown key gets 401", TRUSTING
      + ": \"The CDS Client SHALL use its private key to digitally sign the JWT\"");
  private final Check jti = check(JTI, Level.SHOULD, "a replayed jti gets 401", TRUSTING + ": jti is \"a nonce string"
      + " value that uniquely identifies this authentication JWT (used to protect against replay attacks)\"");

  private final ForgedTokens tokens;
  private final String unavailable;
  private final URI uri;
  private final Supplier<JsonNode> body;

  /**
   * @param tokens the token forge, or null when the run cannot sign (then {@code unavailable} says why)
   * @param uri the endpoint to call: a service, or discovery when there is none
   * @param body makes the request to POST there (a fresh hookInstance each time), or null to GET
   */
  SecurityProbe(ForgedTokens tokens, String unavailable, URI uri, Supplier<JsonNode> body) {
    this.tokens = tokens;
    this.unavailable = unavailable;
    this.uri = uri;
    this.body = body;
  }

  private static Check check(String id, Level level, String title, String source) {
    return Check.of(id, level, Area.SECURITY, null, title, source);
  }

  @Override
  public List<Check> checks() {
    return List.of(valid, none, aud, exp, algNone, signature, jti);
  }

  @Override
  public List<PlannedRequest> plan() {
    if (tokens == null) {
      return List.of();
    }
    String method = body == null ? "GET" : "POST";
    List<PlannedRequest> out = new ArrayList<>();
    for (String what : List.of("a valid JWT", "no JWT", "a JWT for another audience", "an expired JWT",
        "an alg: none JWT", "a JWT signed by an unknown key", "a valid JWT, first use", "the same JWT again")) {
      out.add(new PlannedRequest(method, uri.toString(), what));
    }
    return out;
  }

  @Override
  public List<CheckResult> run(Session session) {
    if (tokens == null) {
      return checks().stream().map(c -> c.skip(unavailable)).toList();
    }
    String audience = uri.toString();
    List<CheckResult> out = new ArrayList<>();
    Session.Sent first = send(session, Session.Auth.bearer(tokens.valid(audience), tokens.describe("valid")), valid);
    if (!accepted(first)) {
      out.add(valid.notMet(first.answered() ? "HTTP " + first.status() + " for a valid JWT: does the service trust this"
          + " key and the issuer " + tokens.issuer() + "?" : "no answer: " + first.exchange().failure())
          .with(first.exchange()));
      String skip = "the service refused a valid JWT, so refusals prove nothing";
      List.of(none, aud, exp, algNone, signature, jti).forEach(c -> out.add(c.skip(skip)));
      return out;
    }
    out.add(valid.pass("HTTP " + first.status()).with(first.exchange()));
    Session.Sent bare = send(session, Session.Auth.NONE, none);
    if (accepted(bare)) {
      out.add(none.notMet("HTTP " + bare.status() + " without any token").with(bare.exchange()).note(SHOULD_REQUIRE));
      String skip = "the service answers without a token (" + SHOULD_REQUIRE + "), so forged tokens prove nothing";
      List.of(aud, exp, algNone, signature, jti).forEach(c -> out.add(c.skip(skip)));
      return out;
    }
    out.add(refusal(none, bare).note(SHOULD_REQUIRE));
    out.add(forged(session, aud, a -> tokens.otherAudience(), "another audience's (" + ForgedTokens.OTHER_AUDIENCE + ")"));
    out.add(forged(session, exp, tokens::expired, "an expired"));
    out.add(forged(session, algNone, tokens::unsigned, "an unsigned (alg: none)"));
    out.add(forged(session, signature, tokens::unknownKey, "a wrongly signed"));
    String once = tokens.valid(audience);
    Session.Auth replayed = Session.Auth.bearer(once, tokens.describe("valid, used twice"));
    Session.Sent use = send(session, replayed, jti);
    Session.Sent again = send(session, replayed, jti);
    out.add(accepted(use) ? verdict(jti, again).with(use.exchange(), again.exchange())
        : jti.error("HTTP " + use.status() + " for the token's first use: cannot judge the second").with(use.exchange()));
    return out;
  }

  private CheckResult forged(Session session, Check check, Function<String, String> token, String what) {
    Session.Sent sent = send(session, Session.Auth.bearer(token.apply(uri.toString()), tokens.describe(what)), check);
    return refusal(check, sent);
  }

  private CheckResult refusal(Check check, Session.Sent sent) {
    return verdict(check, sent).with(sent.exchange());
  }

  /** Refused (401, or 403 with a note) passes; accepted is the rule not met; no answer cannot be judged. */
  private static CheckResult verdict(Check check, Session.Sent sent) {
    CheckResult r;
    if (!sent.answered()) {
      r = check.error("no answer: " + sent.exchange().failure());
    } else if (sent.status() == 401) {
      r = check.pass("HTTP 401");
    } else if (sent.status() == 403) {
      r = check.pass("HTTP 403").note("refused, though 401 is the status for a bad bearer token (RFC 6750 §3.1)");
    } else {
      r = check.notMet("HTTP " + sent.status() + ": accepted");
    }
    return r;
  }

  private Session.Sent send(Session session, Session.Auth auth, Check check) {
    return body == null ? session.get(uri, auth, check.title()) : session.postJson(uri, body.get(), auth, check.title());
  }

  /** Past authentication: answered with anything but 401 or 403. */
  private static boolean accepted(Session.Sent sent) {
    return sent.answered() && sent.status() != 401 && sent.status() != 403;
  }
}
