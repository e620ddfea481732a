package dev.cds.auth;

/**
 * The JWS algorithms cds signs with, the two CDS Hooks recommends: ES384 (EC P-384) and RS384
 * (RSA, at least 2048 bits). {@link #name()} is the JOSE {@code alg} value ({@link SigningKey#ES384}).
 */
public enum JwsAlgorithm {
  ES384,
  RS384
}
