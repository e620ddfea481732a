package dev.cds.serve;

import dev.cds.core.Extension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Where the {@link SSLContext} of {@link CdsServer#tls} comes from: the user's PEM files, or a
 * certificate made on the spot. Made by {@code TlsIdentity}, which needs BouncyCastle and lives in
 * the extension jar ({@link Extension}): {@link #load()} is the one way to it.
 */
public interface TlsContexts {
  /** A made identity: the server's TLS context, and the PEM certificate of the CA that signed it. */
  record SelfSigned(SSLContext context, String caPem) {}

  /**
   * A new CA, and a server certificate it signs for {@code names} (IP addresses or DNS names). The
   * CA may sign for these names only (name constraints): trusting it, even system-wide, vouches
   * for nothing else.
   */
  SelfSigned selfSigned(List<String> names, Clock clock);

  /** The certificate (chain, server's first) and private key of two PEM files, which may be the same. */
  SSLContext fromPem(Path certFile, Path keyFile);

  /** The implementation, loaded now (BouncyCastle with it). */
  static TlsContexts load() {
    return Extension.create("dev.cds.serve.TlsIdentity", TlsContexts.class, "https (cds serve's TLS)");
  }
}
