package dev.cds.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cds.core.CdsException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Locale;

/**
 * A private key cds can sign with, its public half, and the JWS algorithm it implies: ES384 for
 * an EC P-384 key, RS384 for an RSA key of at least 2048 bits (the two CDS Hooks recommends).
 *
 * @param kid the key id stored with the key (a JWK's {@code kid}), or null for PEM files
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String kid) {
  public static final String ES384 = "ES384";
  public static final String RS384 = "RS384";
  static final int MIN_RSA_BITS = 2048;

  /** ES384 or RS384. */
  public String algorithm() {
    return publicKey instanceof ECPublicKey ? ES384 : RS384;
  }

  /** A fresh key pair for {@code ES384} (P-384) or {@code RS384} (RSA, 2048 bits). */
  public static SigningKey generate(String algorithm) {
    String alg = algorithm.toUpperCase(Locale.ROOT);
    try {
      KeyPairGenerator generator;
      if (alg.equals(ES384)) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
      } else if (alg.equals(RS384)) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(MIN_RSA_BITS);
      } else {
        throw CdsException.usage("unsupported algorithm '" + algorithm + "': use ES384 or RS384");
      }
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + alg + " keys", e);
    }
  }

  /**
   * The RFC 7638 SHA-256 thumbprint, base64url: the default {@code kid}. Computed here rather than
   * through the JOSE library's JWK classes, which a signed call would otherwise load only for this.
   */
  public String thumbprint() {
    String members;
    if (publicKey instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      members = "{\"crv\":\"P-384\",\"kty\":\"EC\",\"x\":\"" + b64(ec.getW().getAffineX(), size)
          + "\",\"y\":\"" + b64(ec.getW().getAffineY(), size) + "\"}";
    } else {
      RSAPublicKey rsa = (RSAPublicKey) publicKey;
      members = "{\"e\":\"" + b64(rsa.getPublicExponent(), 0) + "\",\"kty\":\"RSA\",\"n\":\""
          + b64(rsa.getModulus(), 0) + "\"}";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unsigned big-endian base64url, left-padded to {@code size} bytes when size > 0 (RFC 7518 §6). */
  private static String b64(BigInteger value, int size) {
    byte[] raw = value.toByteArray();
    int skip = raw[0] == 0 && raw.length > 1 ? 1 : 0;
    int length = Math.max(size, raw.length - skip);
    byte[] out = new byte[length];
    System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** The key id to put in headers: the explicit one, else the stored one, else the thumbprint. */
  public String kid(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    return kid != null ? kid : thumbprint();
  }

  /** The public JWK with {@code alg} and {@code use: sig}; no private members. */
  JWK publicJwk(String keyId) {
    if (publicKey instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.P_384, ec)
          .keyID(keyId)
          .algorithm(JWSAlgorithm.ES384)
          .keyUse(KeyUse.SIGNATURE)
          .build();
    }
    return new RSAKey.Builder((RSAPublicKey) publicKey)
        .keyID(keyId)
        .algorithm(JWSAlgorithm.RS384)
        .keyUse(KeyUse.SIGNATURE)
        .build();
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm() + ", kid=" + kid + "]";
  }
}
