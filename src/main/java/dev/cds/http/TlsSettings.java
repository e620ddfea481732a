package dev.cds.http;

import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How https is verified: the JDK's trust store by default, a PEM bundle with {@code --cacert},
 * nothing at all only with an explicit {@code --insecure}. Built lazily, on the first https URL,
 * because TLS machinery is the most expensive part of start-up.
 */
public final class TlsSettings {
  private final Path caCert;
  private final boolean insecure;
  private final ClientCertificate client;
  private volatile SSLSocketFactory factory;

  public TlsSettings(Path caCert, boolean insecure) {
    this(caCert, insecure, null);
  }

  /**
   * @param client the certificate cds presents for mutual TLS (to services, token endpoints and
   *     FHIR servers alike), or null
   */
  public TlsSettings(Path caCert, boolean insecure, ClientCertificate client) {
    this.caCert = caCert;
    this.insecure = insecure;
    this.client = client;
  }

  public static TlsSettings defaults() {
    return new TlsSettings(null, false);
  }

  public boolean insecure() {
    return insecure;
  }

  /** Null means: the JDK default. */
  SSLSocketFactory socketFactory() {
    if (!insecure && caCert == null && client == null) {
      return null;
    }
    SSLSocketFactory f = factory;
    if (f == null) {
      synchronized (this) {
        if (factory == null) {
          factory = build();
        }
        f = factory;
      }
    }
    return f;
  }

  /** The socket factory to use: the configured one, or the JDK's default. */
  public SSLSocketFactory socketFactoryOrDefault() {
    SSLSocketFactory f = socketFactory();
    return f != null ? f : (SSLSocketFactory) SSLSocketFactory.getDefault();
  }

  HostnameVerifier hostnameVerifier() {
    return insecure ? (host, session) -> true : null;
  }

  private SSLSocketFactory build() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager[] trust = insecure ? new TrustManager[] {new TrustAll()} : caCert == null ? null : trustFrom(caCert);
      context.init(client == null ? null : client.keyManagers(), trust, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw CdsException.badInput("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustFrom(Path pem) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in = Files.newInputStream(pem)) {
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw CdsException.badInput("{0} holds no certificate: {1} takes a PEM file of CA certificates", null, pem,
            Setting.CA_CERT);
      }
    } catch (IOException e) {
      throw CdsException.badInput("cannot read {0} {1}: {2}", e, Setting.CA_CERT, pem, e.getMessage());
    } catch (java.security.cert.CertificateException e) {
      throw CdsException.badInput(pem + " is not a PEM certificate file: " + e.getMessage(), e);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  /** Used only under --insecure, which the user typed and which prints a warning. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
