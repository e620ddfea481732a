package dev.cds.cli;

import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.serve.TlsContexts;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** How {@code cds serve} speaks https: a certificate it makes ({@code --tls self-signed}) or the user's own. */
final class ServeTlsOptions {
  static final String SELF_SIGNED = "self-signed";
  /** Where {@code --tls self-signed} writes its CA, in the config folder: one place for scripts to find. */
  static final String CA_FILE = "serve-ca.pem";

  /** What shells offer after {@code --tls}. */
  static final class Modes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of(SELF_SIGNED).iterator();
    }
  }

  @Option(names = "--tls", paramLabel = "self-signed", completionCandidates = Modes.class,
      description = "Speak https with a certificate for localhost, 127.0.0.1 and ::1 (and --host, --public-url)"
          + " from a new local CA, whose certificate is written to " + CA_FILE + " in the config folder for"
          + " clients' --cacert (the path is printed).")
  String mode;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Speak https with this PEM certificate (the server's own first, then its chain); needs --tls-key.")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The PEM private key of --tls-cert (PKCS#8, PKCS#1 or SEC1, not encrypted).")
  Path key;

  boolean enabled() {
    return mode != null || cert != null || key != null;
  }

  /**
   * The server's TLS context, or null for plain http. {@code names} are the extra host names or
   * addresses clients use (the bound host, the public URL's), which a made certificate covers too.
   * BouncyCastle is loaded from here only, and only when TLS is asked for.
   */
  SSLContext context(CliContext ctx, List<String> names) {
    if (!enabled()) {
      return null;
    }
    if (mode == null) {
      if (cert == null || key == null) {
        throw CdsException.usage("--tls-cert and --tls-key go together: the PEM certificate and its private key");
      }
      return TlsContexts.load().fromPem(cert, key);
    }
    if (!mode.equals(SELF_SIGNED)) {
      throw CdsException.usage("--tls takes '" + SELF_SIGNED + "'; for a certificate of your own use --tls-cert FILE"
          + " --tls-key FILE");
    }
    if (cert != null || key != null) {
      throw CdsException.usage("--tls self-signed makes its own certificate: drop --tls-cert and --tls-key, or --tls");
    }
    Set<String> covered = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    covered.addAll(names);
    TlsContexts.SelfSigned made = TlsContexts.load().selfSigned(List.copyOf(covered), ctx.clock());
    Path ca = AtomicFiles.privateDirectory(ctx.configDir()).resolve(CA_FILE).toAbsolutePath();
    AtomicFiles.write(ca, made.caPem());
    ctx.err().println("cds: https with a certificate for " + String.join(", ", covered) + " from a new local CA;"
        + " clients trust it with --cacert " + ca);
    return made.context();
  }
}
