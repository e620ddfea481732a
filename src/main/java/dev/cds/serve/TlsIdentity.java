package dev.cds.serve;

import dev.cds.core.CdsException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificate and key {@code cds serve} speaks https with: read from PEM files, or made on the
 * spot by a new local CA. The only class that uses BouncyCastle, and only when TLS is asked for.
 * It ships in the extension jar and is reached only through {@link TlsContexts#load()}: it lives
 * under another class loader, so it uses only public members of the rest of cds.
 */
public final class TlsIdentity implements TlsContexts {
  /** How long a made certificate is valid; its CA's key is never written, so it dies with the server. */
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final String SIGNATURE = "SHA256withECDSA";

  /** Made by {@link dev.cds.core.Extension}. */
  public TlsIdentity() {}

  @Override
  public SelfSigned selfSigned(List<String> names, Clock clock) {
    try {
      KeyPair caKeys = ecKeyPair();
      KeyPair serverKeys = ecKeyPair();
      Instant now = clock.instant();
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date until = Date.from(now.plus(VALIDITY));
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X500Name caName = new X500Name("CN=cds serve local CA " + now.getEpochSecond());
      GeneralName[] altNames = names.stream().map(TlsIdentity::generalName).toArray(GeneralName[]::new);

      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), from, until, caName,
          caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(caKeys.getPublic()))
          .addExtension(Extension.nameConstraints, true, new NameConstraints(subtrees(names), null));
      X509Certificate caCert = sign(ca, caKeys.getPrivate());

      X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caCert, serial(), from, until,
          new X500Name("CN=" + names.get(0)), serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(serverKeys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(caCert));
      X509Certificate serverCert = sign(leaf, caKeys.getPrivate());
      return new SelfSigned(context(serverKeys.getPrivate(), List.of(serverCert, caCert)), pem(caCert));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a TLS certificate: " + e.getMessage(), e);
    }
  }

  @Override
  public SSLContext fromPem(Path certFile, Path keyFile) {
    List<X509Certificate> chain = new ArrayList<>();
    for (Object o : pemObjects(certFile)) {
      if (o instanceof X509CertificateHolder holder) {
        chain.add(certificate(holder, certFile));
      }
    }
    if (chain.isEmpty()) {
      throw CdsException.badInput(certFile + " holds no certificate: give a PEM file with BEGIN CERTIFICATE");
    }
    PrivateKey key = privateKey(keyFile);
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw CdsException.badInput(keyFile + " is not the key of the certificate in " + certFile
          + " (the first certificate must be the server's own)");
    }
    try {
      return context(key, chain);
    } catch (GeneralSecurityException | IOException e) {
      throw CdsException.badInput("cannot use " + certFile + " and " + keyFile + " for TLS: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path keyFile) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object o : pemObjects(keyFile)) {
      try {
        if (o instanceof PEMKeyPair pair) {
          // the private half only: SEC1 files written without the optional public key are common
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      } catch (IOException e) {
        throw CdsException.badInput(keyFile + " holds a private key the JDK cannot use: " + e.getMessage(), e);
      }
      if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw CdsException.badInput(keyFile + " is encrypted: decrypt it first (openssl pkey -in " + keyFile
            + " -out key.pem) and keep the copy private");
      }
    }
    throw CdsException.badInput(keyFile + " holds no private key: give a PEM file with BEGIN PRIVATE KEY,"
        + " BEGIN EC PRIVATE KEY or BEGIN RSA PRIVATE KEY");
  }

  private static List<Object> pemObjects(Path file) {
    List<Object> objects = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(in)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (NoSuchFileException e) {
      throw CdsException.badInput("cannot read " + file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw CdsException.badInput(file + " is not a readable PEM file: " + e.getMessage(), e);
    }
    return objects;
  }

  private static X509Certificate certificate(X509CertificateHolder holder, Path file) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw CdsException.badInput(file + " holds a certificate the JDK cannot read: " + e.getMessage(), e);
    }
  }

  /** A sign-then-verify round trip: the only check that works for every key type alike. */
  private static boolean matches(PrivateKey key, PublicKey certified) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null || !algorithm.equals(signatureFor(certified))) {
      return algorithm == null;
    }
    try {
      byte[] probe = "cds serve key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(probe);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String signatureFor(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> "";
    };
  }

  private static SSLContext context(PrivateKey key, List<X509Certificate> chain)
      throws GeneralSecurityException, IOException {
    char[] password = new BigInteger(128, new SecureRandom()).toString(36).toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
  }

  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
  }

  private static boolean isIp(String name) {
    return name.contains(":") || name.matches("[0-9.]+");
  }

  private static GeneralName generalName(String name) {
    return new GeneralName(isIp(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
  }

  /** One permitted subtree per name: the exact address, or the DNS name (and, by the rules, its subdomains). */
  private static GeneralSubtree[] subtrees(List<String> names) throws IOException {
    List<GeneralSubtree> trees = new ArrayList<>();
    for (String name : names) {
      if (isIp(name)) {
        int bits = InetAddress.getByName(name).getAddress().length * 8;
        trees.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, name + "/" + bits)));
      } else {
        trees.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)));
      }
    }
    return trees.toArray(GeneralSubtree[]::new);
  }

  private static String pem(X509Certificate cert) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(cert);
    }
    return text.toString();
  }
}
