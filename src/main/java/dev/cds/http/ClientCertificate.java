package dev.cds.http;

import dev.cds.core.CdsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate cds presents for mutual TLS (CDS Hooks and Da Vinci CRD both allow it): a PEM
 * certificate chain with its PKCS#8 PEM private key, or a PKCS#12 file.
 *
 * @param cert a PEM certificate (chain), or a PKCS#12 file ({@code .p12}, {@code .pfx})
 * @param key the PEM private key for a PEM certificate; null for PKCS#12
 * @param password the PKCS#12 password; may be empty
 */
public record ClientCertificate(Path cert, Path key, char[] password) {
  private static final char[] IN_MEMORY = "cds".toCharArray();

  public boolean pkcs12() {
    String name = cert.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx");
  }

  KeyManager[] keyManagers() throws GeneralSecurityException {
    KeyStore store;
    char[] storePassword;
    if (pkcs12()) {
      store = KeyStore.getInstance("PKCS12");
      storePassword = password == null ? new char[0] : password;
      try (InputStream in = Files.newInputStream(cert)) {
        store.load(in, storePassword);
      } catch (NoSuchFileException e) {
        throw CdsException.badInput("cannot read the client certificate " + cert + ": no such file");
      } catch (IOException e) {
        throw CdsException.badInput("cannot open the PKCS#12 file " + cert + ": " + e.getMessage()
            + " (wrong password?)", e);
      }
    } else {
      if (key == null) {
        throw CdsException.usage("a PEM client certificate needs its private key file as well");
      }
      store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      storePassword = IN_MEMORY;
      Certificate[] chain = chain(cert);
      store.setKeyEntry("client", privateKey(key), IN_MEMORY, chain);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, storePassword);
    return kmf.getKeyManagers();
  }

  private static Certificate[] chain(Path pem) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw CdsException.badInput(pem + " holds no certificate: expected a PEM client certificate");
      }
      return certs.toArray(Certificate[]::new);
    } catch (NoSuchFileException e) {
      throw CdsException.badInput("cannot read the client certificate " + pem + ": no such file");
    } catch (IOException e) {
      throw CdsException.badInput("cannot read the client certificate " + pem + ": " + e.getMessage(), e);
    }
  }

  /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
  private static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw CdsException.badInput("cannot read the client key " + pem + ": no such file");
    } catch (IOException e) {
      throw CdsException.badInput("cannot read the client key " + pem + ": " + e.getMessage(), e);
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw CdsException.badInput(pem + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY): convert it with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem', or use a PKCS#12 file");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
    } catch (IllegalArgumentException e) {
      throw CdsException.badInput(pem + " has a damaged PEM body: " + e.getMessage(), e);
    }
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw CdsException.badInput(pem + " holds neither an RSA nor an EC private key");
  }
}
