package dev.cds.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;

/**
 * Reads a private key from any of the files users have — PKCS#8 PEM, OpenSSL's PKCS#1 RSA and
 * SEC1 EC PEM, a private JWK — and writes PKCS#8 PEM readable only by its owner.
 */
public final class KeyFiles {
  static final String FORMATS =
      "use a PKCS#8 PEM (BEGIN PRIVATE KEY), a PKCS#1 RSA PEM (BEGIN RSA PRIVATE KEY), a SEC1 EC PEM"
          + " (BEGIN EC PRIVATE KEY) or a private JWK; 'cds keys generate' makes one";
  private static final String RSA_OID = "1.2.840.113549.1.1.1";
  private static final String EC_OID = "1.2.840.10045.2.1";
  private static final String P384_OID = "1.3.132.0.34";
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFiles() {}

  /**
   * Loads a private key file; anything else is bad input (exit 3) naming the accepted formats. A
   * key that group or others may read is refused, as ssh refuses it: whoever can read it can sign
   * as the user. The check follows the parse, so a file that is no key at all says so instead.
   */
  public static SigningKey load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CdsException.badInput("cannot read key " + file + ": no such file");
    } catch (java.io.IOException e) {
      throw CdsException.badInput("cannot read key " + file + ": " + e.getMessage(), e);
    }
    SigningKey key = parse(bytes, file.toString());
    checkPrivate(file);
    return key;
  }

  private static void checkPrivate(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file);
    } catch (java.io.IOException e) {
      throw CdsException.badInput("cannot read the permissions of key " + file + ": " + e.getMessage(), e);
    }
    boolean open = mode.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    if (open) {
      throw CdsException.badInput("private key " + file + " is accessible to others (mode "
          + PosixFilePermissions.toString(mode) + "): run chmod 600 " + file);
    }
  }

  public static SigningKey parse(byte[] bytes, String source) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    try {
      if (text.startsWith("{")) {
        return fromJwk(text, source);
      }
      return fromPem(text, source);
    } catch (CdsException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // Der's own complaints, and nimbus's about JWK members
      throw CdsException.badInput(source + " is not a usable private key (" + firstLine(e.getMessage()) + "): " + FORMATS, e);
    } catch (RuntimeException e) {
      // malformed structure surfaces as IndexOutOfBounds, ClassCast or NullPointer: not worth quoting
      throw CdsException.badInput(source + " is not a usable private key (a damaged or unexpected structure): "
          + FORMATS, e);
    } catch (GeneralSecurityException | ParseException | JOSEException e) {
      throw CdsException.badInput(source + " is not a usable private key (" + firstLine(e.getMessage()) + "): " + FORMATS, e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  /**
   * Fails unless the public half belongs to the private one: a token is signed and verified with
   * the JOSE library, so a file whose stored public key was damaged or swapped is caught before
   * its JWK Set is published.
   */
  public static void checkPair(SigningKey key, String source) {
    boolean matches;
    try {
      JWSObject probe = new JWSObject(new JWSHeader(JWSAlgorithm.parse(key.algorithm())), new Payload("cds key pair check"));
      if (key.privateKey() instanceof ECPrivateKey ec) {
        probe.sign(new ECDSASigner(ec));
        matches = probe.verify(new ECDSAVerifier((ECPublicKey) key.publicKey()));
      } else {
        probe.sign(new RSASSASigner(key.privateKey()));
        matches = probe.verify(new RSASSAVerifier((RSAPublicKey) key.publicKey()));
      }
    } catch (JOSEException | RuntimeException e) {
      matches = false;
    }
    if (!matches) {
      throw CdsException.badInput(source + ": its public key does not match its private key (a damaged or"
          + " edited file): restore it from a backup, or make a new pair with cds keys generate");
    }
  }

  /** PKCS#8 PEM of the key; for EC keys the public point is included, as OpenSSL writes it. */
  public static String pkcs8Pem(SigningKey key) {
    byte[] der = key.privateKey() instanceof ECPrivateKey ec
        ? ecPkcs8(ec, (ECPublicKey) key.publicKey())
        : key.privateKey().getEncoded();
    return pem("PRIVATE KEY", der);
  }

  /** Writes the key as PKCS#8 PEM with mode 0600; refuses to replace a file unless {@code force}. */
  public static void writePrivate(SigningKey key, Path target, boolean force) {
    if (!force && Files.exists(target)) {
      throw CdsException.usage("{0} exists: choose {1} or pass {2} to replace it", target, Setting.OUT, Setting.FORCE);
    }
    AtomicFiles.write(target, pkcs8Pem(key).getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
  }

  private static SigningKey fromPem(String text, String source) throws GeneralSecurityException {
    Matcher m = PEM.matcher(text);
    String curveOid = null;
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      String type = m.group(1);
      String body = m.group(2);
      seen.add(type);
      if (body.contains("ENCRYPTED") || type.equals("ENCRYPTED PRIVATE KEY")) {
        throw CdsException.badInput(source + " is encrypted: decrypt it first"
            + " (openssl pkey -in " + source + " -out key.pem) and keep the copy private");
      }
      byte[] der = base64(body, source);
      switch (type) {
        case "PRIVATE KEY":
          return fromPkcs8(der, source);
        case "RSA PRIVATE KEY":
          return fromPkcs8(Der.sequence(Der.integer(0),
              Der.sequence(Der.oid(RSA_OID), Der.encode(Der.NULL)), Der.encode(Der.OCTET_STRING, der)), source);
        case "EC PARAMETERS":
          curveOid = Der.oidText(Der.parse(der).value());
          break;
        case "EC PRIVATE KEY":
          return fromPkcs8(sec1ToPkcs8(der, curveOid, source), source);
        case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
          throw CdsException.badInput(source + " holds a " + type.toLowerCase(java.util.Locale.ROOT)
              + ", not a private key: pass the private key file");
        default:
          break;
      }
    }
    String found = seen.isEmpty() ? "no PEM block" : "PEM blocks " + String.join(", ", seen);
    throw CdsException.badInput(source + " is not a private key (" + found + "): " + FORMATS);
  }

  private static byte[] base64(String body, String source) {
    String cleaned = body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(cleaned);
    } catch (IllegalArgumentException e) {
      throw CdsException.badInput(source + " has a damaged PEM block (not base64): " + FORMATS);
    }
  }

  private static byte[] sec1ToPkcs8(byte[] sec1, String paramsOid, String source) {
    String curve = paramsOid;
    for (Der.Element e : Der.parse(sec1).children()) {
      if (e.contextTag() == 0) {
        curve = Der.oidText(Der.parse(e.value()).value());
      }
    }
    if (curve == null) {
      throw CdsException.badInput(source + " does not name its curve: " + FORMATS);
    }
    return Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC_OID), Der.oid(curve)),
        Der.encode(Der.OCTET_STRING, sec1));
  }

  private static SigningKey fromPkcs8(byte[] der, String source) throws GeneralSecurityException {
    List<Der.Element> info = Der.parse(der).children();
    List<Der.Element> algId = info.get(1).children();
    String oid = Der.oidText(algId.get(0).value());
    if (oid.equals(RSA_OID)) {
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof RSAPrivateCrtKey crt)) {
        throw CdsException.badInput(source + " lacks the RSA public exponent (not a CRT key): " + FORMATS);
      }
      PublicKey pub = KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
      return checked(new SigningKey(key, pub, null), source);
    }
    if (oid.equals(EC_OID)) {
      String curve = algId.size() > 1 && algId.get(1).tag() == Der.OID ? Der.oidText(algId.get(1).value()) : "?";
      if (!curve.equals(P384_OID)) {
        throw CdsException.badInput("{0} is an EC key on curve {1}: CDS Hooks JWTs use ES384, which needs P-384"
            + " (cds keys generate {2} ES384)", null, source, curveName(curve), Setting.ALG);
      }
      ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      ECPoint point = embeddedPoint(info.get(2).value(), key.getParams());
      if (point != null && !onCurve(point, key.getParams())) {
        throw CdsException.badInput(source + " carries a public point that is not on curve P-384 (a damaged or"
            + " forged key): restore it from a backup, or make a new pair with cds keys generate");
      }
      if (point == null) {
        point = derivePoint(key);
      }
      PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, key.getParams()));
      return new SigningKey(key, pub, null);
    }
    throw CdsException.badInput(source + " holds a key of type " + oid
        + ", which cannot sign CDS Hooks JWTs (ES384 or RS384): " + FORMATS);
  }

  /** The JOSE library's check (the JDK's KeyFactory accepts any point). */
  private static boolean onCurve(ECPoint point, ECParameterSpec params) throws GeneralSecurityException {
    ECPublicKey pub = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
    return ECChecks.isPointOnCurve(pub, params);
  }

  private static String curveName(String oid) {
    return switch (oid) {
      case "1.2.840.10045.3.1.7" -> "P-256";
      case "1.3.132.0.35" -> "P-521";
      case "1.3.132.0.10" -> "secp256k1";
      default -> oid;
    };
  }

  /** The public point SEC1 may carry in its {@code [1]} field (OpenSSL always writes it). */
  private static ECPoint embeddedPoint(byte[] sec1, ECParameterSpec params) {
    for (Der.Element e : Der.parse(sec1).children()) {
      if (e.contextTag() == 1) {
        byte[] bits = Der.parse(e.value()).value();
        int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
        // bit string: unused-bits byte, then 0x04 || X || Y (uncompressed)
        if (bits.length == 2 + 2 * size && bits[1] == 0x04) {
          return new ECPoint(new BigInteger(1, Arrays.copyOfRange(bits, 2, 2 + size)),
              new BigInteger(1, Arrays.copyOfRange(bits, 2 + size, bits.length)));
        }
      }
    }
    return null;
  }

  /**
   * The public point d·G of a key stored without it, with the JDK alone: ECDH of the private key
   * with the generator yields x; y is one of the two roots of the curve equation, and the right
   * one is the one that verifies a test signature.
   */
  private static ECPoint derivePoint(ECPrivateKey key) throws GeneralSecurityException {
    ECParameterSpec params = key.getParams();
    KeyFactory factory = KeyFactory.getInstance("EC");
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(key);
    ecdh.doPhase(factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params)), true);
    BigInteger x = new BigInteger(1, ecdh.generateSecret());
    BigInteger p = ((java.security.spec.ECFieldFp) params.getCurve().getField()).getP();
    BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p); // p ≡ 3 (mod 4) for P-384
    byte[] probe = "cds public point check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA384withECDSA");
    signer.initSign(key);
    signer.update(probe);
    byte[] sig = signer.sign();
    for (BigInteger candidate : List.of(y, p.subtract(y))) {
      ECPoint point = new ECPoint(x, candidate);
      Signature verifier = Signature.getInstance("SHA384withECDSA");
      verifier.initVerify(factory.generatePublic(new ECPublicKeySpec(point, params)));
      verifier.update(probe);
      if (verifier.verify(sig)) {
        return point;
      }
    }
    throw new GeneralSecurityException("cannot derive the public key");
  }

  private static SigningKey fromJwk(String text, String source) throws ParseException, JOSEException {
    JWK jwk;
    if (com.nimbusds.jose.util.JSONObjectUtils.parse(text).containsKey("keys")) {
      List<JWK> keys = JWKSet.parse(text).getKeys();
      if (keys.size() != 1) {
        throw CdsException.badInput(source + " is a JWK Set with " + keys.size()
            + " keys: pass a file holding the one private JWK to sign with");
      }
      jwk = keys.get(0);
    } else {
      jwk = JWK.parse(text);
    }
    if (!jwk.isPrivate()) {
      throw CdsException.badInput(source + " is a public JWK (no \"d\"): pass the private key");
    }
    if (jwk instanceof ECKey ec) {
      if (!ec.getCurve().getName().equals("P-384")) {
        throw CdsException.badInput("{0} is an EC key on curve {1}: CDS Hooks JWTs use ES384, which needs P-384"
            + " (cds keys generate {2} ES384)", null, source, ec.getCurve().getName(), Setting.ALG);
      }
      return new SigningKey(ec.toECPrivateKey(), ec.toECPublicKey(), ec.getKeyID());
    }
    if (jwk instanceof RSAKey rsa) {
      RSAPrivateKey priv = rsa.toRSAPrivateKey();
      return checked(new SigningKey(priv, rsa.toRSAPublicKey(), rsa.getKeyID()), source);
    }
    throw CdsException.badInput(source + " is a JWK of type " + jwk.getKeyType()
        + ", which cannot sign CDS Hooks JWTs (ES384 or RS384): " + FORMATS);
  }

  private static SigningKey checked(SigningKey key, String source) {
    if (key.publicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < SigningKey.MIN_RSA_BITS) {
      throw CdsException.badInput("{0} is an RSA key of {1} bits: RS384 needs 2048 or more (cds keys generate {2} RS384)",
          null, source, rsa.getModulus().bitLength(), Setting.ALG);
    }
    return key;
  }

  private static byte[] ecPkcs8(ECPrivateKey key, ECPublicKey pub) {
    int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    byte[] point = new byte[2 + 2 * size];
    point[1] = 0x04;
    copyFixed(pub.getW().getAffineX(), point, 2, size);
    copyFixed(pub.getW().getAffineY(), point, 2 + size, size);
    byte[] d = new byte[size];
    copyFixed(key.getS(), d, 0, size);
    byte[] sec1 = Der.sequence(Der.integer(1), Der.encode(Der.OCTET_STRING, d),
        Der.encode(0xA1, Der.encode(Der.BIT_STRING, point)));
    Arrays.fill(d, (byte) 0);
    return Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC_OID), Der.oid(P384_OID)),
        Der.encode(Der.OCTET_STRING, sec1));
  }

  private static void copyFixed(BigInteger v, byte[] dest, int offset, int size) {
    byte[] raw = v.toByteArray();
    int skip = raw.length > size ? raw.length - size : 0;
    System.arraycopy(raw, skip, dest, offset + size - (raw.length - skip), raw.length - skip);
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
