package dev.cds.cli;

import dev.cds.auth.KeyFiles;
import dev.cds.auth.SigningKey;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Make signing keys and the public JWK Set services verify them with.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Jwks.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds keys generate --alg ES384 --out ~/.config/cds/keys",
      "  cds keys jwks ~/.config/cds/keys/private-key.pem > jwks.json"
    })
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  KeysCommand(CliContext ctx) {
    // the subcommands do the work; the context reaches them through ContextFactory
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: generate or jwks");
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write a new signing key pair to DIR.",
        "private-key.pem (PKCS#8 PEM, mode 0600) stays with you; jwks.json, its",
        "public JWK Set, is what you publish at your jku URL."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  cds keys generate --out keys",
        "  cds keys generate --alg RS384 --kid ehr-2025 --out keys --force",
        "  cds call order-sign --base URL --key keys/private-key.pem \\",
        "      --iss https://ehr.example"
      })
  static final class Generate implements Callable<Integer> {
    static final String PRIVATE = "private-key.pem";
    static final String PUBLIC = "jwks.json";

    @Mixin GlobalOptions global;

    @Option(names = "--alg", paramLabel = "ES384|RS384", defaultValue = "ES384",
        description = "ES384 (EC P-384) or RS384 (RSA 2048) (default: ${DEFAULT-VALUE}).")
    String alg;

    @Option(names = "--kid", paramLabel = "KID",
        description = "Key id for the JWK Set (default: the RFC 7638 thumbprint). Pass the same --kid when signing.")
    String kid;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the two files.")
    Path out;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    private final CliContext ctx;

    Generate(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      Path privateFile = out.resolve(PRIVATE);
      Path publicFile = out.resolve(PUBLIC);
      for (Path p : new Path[] {privateFile, publicFile}) {
        if (!force && Files.exists(p)) {
          throw CdsException.usage(p + " exists: choose another --out or pass --force to replace it");
        }
      }
      SigningKey key = SigningKey.generate(alg);
      AtomicFiles.privateDirectory(out);
      KeyFiles.writePrivate(key, privateFile, force);
      // an ordinary output file (rw-r--r--): the JWK Set is meant to be published
      AtomicFiles.write(publicFile, Json.pretty(dev.cds.auth.Jwks.publicSet(key, kid)) + "\n");
      ctx.err().println("cds: wrote " + privateFile + " (" + key.algorithm() + ", private: keep it) and "
          + publicFile + " (kid " + key.kid(kid) + ", publish it at your jku URL)");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "jwks",
      mixinStandardHelpOptions = true,
      description = "Print the public JWK Set of a private key (no private members).",
      footerHeading = "%nExamples:%n",
      footer = {"  cds keys jwks private-key.pem > jwks.json", "  cds keys jwks key.jwk --kid ehr-2025"})
  static final class Jwks implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(paramLabel = "KEYFILE", description = "PKCS#8, PKCS#1 or SEC1 PEM, or a private JWK.")
    Path keyFile;

    @Option(names = "--kid", paramLabel = "KID", description = "Key id (default: the key's own, else its thumbprint).")
    String kid;

    private final CliContext ctx;

    Jwks(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      SigningKey key = KeyFiles.load(keyFile);
      KeyFiles.checkPair(key, keyFile.toString());
      ctx.out().println(Json.pretty(dev.cds.auth.Jwks.publicSet(key, kid)));
      return ExitCode.OK;
    }
  }
}
