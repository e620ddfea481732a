package dev.cds.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.interfaces.ECPrivateKey;

/** Signs a claims set with a {@link SigningKey}: asymmetric algorithms only, {@code typ: JWT}. */
final class Jws {
  private final JWSSigner signer;
  private final JWSAlgorithm alg;

  Jws(SigningKey key) {
    try {
      if (key.privateKey() instanceof ECPrivateKey ec) {
        signer = new ECDSASigner(ec);
        alg = JWSAlgorithm.ES384;
      } else {
        signer = new RSASSASigner(key.privateKey());
        alg = JWSAlgorithm.RS384;
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with " + key, e);
    }
  }

  /** A compact JWS; {@code jku} may be null. */
  String sign(String kid, String jku, JWTClaimsSet claims) {
    JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid);
    if (jku != null) {
      header.jwkURL(URI.create(jku));
    }
    SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }
}
