package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Reads a compact JWS for people: header, claims, when it expires, whether a JWK Set verifies it. */
public final class JwtInspector {
  /** The decoded parts of a token; the signature itself is never shown. */
  public record Decoded(ObjectNode header, ObjectNode claims) {
    public Instant expiry() {
      JsonNode exp = claims.get("exp");
      return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }

    /** "expires in 4m12s (…Z)", "expired 3m ago (…Z)" or "no exp claim". */
    public String expiryText(Instant now) {
      Instant exp = expiry();
      if (exp == null) {
        return "no exp claim";
      }
      if (exp.isAfter(now)) {
        return "expires in " + Durations.format(Duration.between(now, exp)) + " (" + exp + ")";
      }
      return "expired " + Durations.format(Duration.between(exp, now)) + " ago (" + exp + ")";
    }
  }

  private JwtInspector() {}

  public static Decoded decode(String token) {
    String[] parts = token.strip().split("\\.", -1);
    if (parts.length != 3) {
      throw CdsException.badInput("not a JWT: expected three base64url parts separated by dots, found "
          + parts.length + (parts.length == 5 ? " (an encrypted JWE, which cds cannot read)" : ""));
    }
    return new Decoded(part(parts[0], "header"), part(parts[1], "claims"));
  }

  private static ObjectNode part(String encoded, String what) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw CdsException.badInput("not a JWT: the " + what + " is not base64url");
    }
    JsonNode node = Json.parse(new String(bytes, StandardCharsets.UTF_8), "the JWT " + what);
    if (!(node instanceof ObjectNode object)) {
      throw CdsException.badInput("not a JWT: the " + what + " is not a JSON object");
    }
    return object;
  }

  /**
   * Empty when a key of {@code jwks} (the one named by {@code kid}, or any when the token names
   * none) verifies the signature with ES384 or RS384; otherwise why not, as one line safe for a
   * terminal (it quotes the token's own header).
   */
  public static String signatureProblem(String token, JWKSet jwks) {
    return Sanitizer.line(problem(token, jwks));
  }

  private static String problem(String token, JWKSet jwks) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.strip());
    } catch (ParseException e) {
      return "not a signed JWT (" + e.getMessage() + ")";
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!JwtVerifier.ALLOWED.contains(alg)) {
      return "alg " + alg + " is not allowed: ES384 or RS384 only";
    }
    String kid = jwt.getHeader().getKeyID();
    List<JWK> candidates = kid == null ? jwks.getKeys() : jwks.getKeyByKeyId(kid) == null
        ? List.of() : List.of(jwks.getKeyByKeyId(kid));
    if (candidates.isEmpty()) {
      return "unknown kid '" + kid + "': not in the JWK Set";
    }
    String problem = "";
    for (JWK key : candidates) {
      problem = JwtVerifier.checkSignature(jwt, key);
      if (problem.isEmpty()) {
        return "";
      }
    }
    return problem;
  }
}
