package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.auth.JwsAlgorithm;
import dev.cds.auth.KeyFiles;
import dev.cds.auth.KeyRotation;
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
    description = {
      "Make signing keys and the public JWK Set services verify them with, and rotate them.",
      "Publish jwks.json at an https URL and sign with --jku URL: CDS Hooks 3.0 asks clients",
      "for a JWK Set URL (jku) and for key rotation; services fetch the set from there."
    },
    subcommands = {KeysCommand.Generate.class, KeysCommand.Jwks.class, KeysCommand.Rotate.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds keys generate --alg ES384 --out ~/.config/cds/keys",
      "  cds keys jwks ~/.config/cds/keys/private-key.pem > jwks.json",
      "  cds keys rotate --out ~/.config/cds/keys   # new key; jwks.json holds old and new"
    })
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  KeysCommand(CliContext ctx) {
    // the subcommands do the work; the context reaches them through ContextFactory
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: generate, jwks or rotate");
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write a new signing key pair to DIR.",
        "private-key.pem (PKCS#8 PEM, mode 0600) stays with you; jwks.json, its",
        "public JWK Set, is what you publish at your jku URL. With JSON output (a pipe",
        "or --output json): {privateKey, jwks, kid, alg}."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  cds keys generate -o keys",
        "  cds keys generate --alg RS384 --kid ehr-2025 --out keys --force",
        "  cds keys generate --out ehr-keys --output json | jq -r .kid",
        "  cds call order-sign --key keys/private-key.pem \\",
        "      --iss https://ehr.example --jku https://ehr.example/.well-known/jwks.json",
        "",
        "Publishing: serve jwks.json at an https URL the services can fetch (e.g.",
        "https://ehr.example/.well-known/jwks.json), give services that URL or pass it",
        "with --jku on every call, and rotate with 'cds keys rotate'."
      })
  static final class Generate implements Callable<Integer> {
    static final String PRIVATE = "private-key.pem";
    static final String PUBLIC = "jwks.json";

    @Mixin GlobalOptions global;

    @Option(names = "--alg", paramLabel = "ES384|RS384", defaultValue = "ES384",
        description = "ES384 (EC P-384) or RS384 (RSA 2048) (default: ${DEFAULT-VALUE}).")
    JwsAlgorithm alg;

    @Option(names = "--kid", paramLabel = "KID",
        description = "Key id for the JWK Set (default: the RFC 7638 thumbprint). Pass the same --kid when signing.")
    String kid;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
        description = "Folder for the two files, created if missing (how: Files in cds --help).")
    Path out;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    private final CliContext ctx;

    Generate(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      OutFile.checkFolder(out);
      Path privateFile = out.resolve(PRIVATE);
      Path publicFile = out.resolve(PUBLIC);
      for (Path p : new Path[] {privateFile, publicFile}) {
        if (!force && Files.exists(p)) {
          throw CdsException.usage(p + " exists: choose another --out or pass --force to replace it");
        }
      }
      SigningKey key = SigningKey.generate(alg.name());
      AtomicFiles.privateDirectory(out);
      KeyFiles.writePrivate(key, privateFile, force);
      // an ordinary output file (rw-r--r--): the JWK Set is meant to be published
      AtomicFiles.write(publicFile, Json.pretty(dev.cds.auth.Jwks.publicSet(key, kid)) + "\n");
      ctx.err().println("cds: wrote " + privateFile + " (" + key.algorithm() + ", private: keep it) and "
          + publicFile + " (kid " + key.kid(kid) + ", public)");
      publishing(ctx, publicFile, out);
      if (global.json(ctx)) {
        ObjectNode n = Json.object();
        n.put("privateKey", privateFile.toString());
        n.put("jwks", publicFile.toString());
        n.put("kid", key.kid(kid));
        n.put("alg", key.algorithm());
        ctx.out().println(Json.pretty(n));
      }
      return ExitCode.OK;
    }
  }

  /** How to publish the JWK Set so services find it (stderr: a message, not data). */
  static void publishing(CliContext ctx, Path publicFile, Path dir) {
    ctx.err().println("cds: publish " + publicFile + " at an https URL services can fetch, e.g."
        + " https://ehr.example.org/.well-known/jwks.json,");
    ctx.err().println("cds: then sign with --key " + dir.resolve(Generate.PRIVATE) + " --jku URL"
        + " (CDS Hooks 3.0 recommends jku); rotate later with: cds keys rotate --out " + dir);
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Rotate the signing key in DIR: a new private-key.pem, and a jwks.json holding the new",
        "public key and the previous ones (--keep), so services keep verifying tokens signed",
        "before they fetch the new set. The replaced key stays as private-key.<kid>.pem (0600).",
        "Publish the new jwks.json at your jku URL right away; sign with the new key after."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  cds keys rotate --out ~/.config/cds/keys",
        "  cds keys rotate -o keys --kid ehr-2026 --keep 3",
        "  cds keys rotate --out keys --output json | jq -r .kid"
      })
  static final class Rotate implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
        description = "The key folder: private-key.pem and jwks.json, as cds keys generate wrote them.")
    Path out;

    @Option(names = "--alg", paramLabel = "ES384|RS384", description = "Algorithm of the new key (default: the current key's).")
    JwsAlgorithm alg;

    @Option(names = "--kid", paramLabel = "KID", description = "Key id of the new key (default: its RFC 7638 thumbprint).")
    String kid;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "2",
        description = "Public keys the new JWK Set holds, the new one included (default: ${DEFAULT-VALUE}: new and previous).")
    int keep;

    private final CliContext ctx;

    Rotate(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      if (keep < 2) {
        throw CdsException.usage("--keep " + keep + ": the set keeps the new key and at least the previous one (2 or more)");
      }
      OutFile.checkFolder(out);
      KeyRotation.Result r = KeyRotation.rotate(out, alg == null ? null : alg.name(), kid, keep);
      ctx.err().println("cds: " + r.privateKey() + " is a new " + r.algorithm() + " key (kid " + r.kid() + "); the"
          + " previous one (kid " + r.previousKid() + ") is kept as " + r.retired());
      ctx.err().println("cds: " + r.jwks() + " now holds kids " + String.join(", ", r.kids())
          + ": publish it at your jku URL now, as calls signed with " + r.privateKey() + " use the new key"
          + (kid == null ? "" : " (pass --kid " + kid + " when signing)"));
      if (global.json(ctx)) {
        ObjectNode n = Json.object();
        n.put("privateKey", r.privateKey().toString());
        n.put("retiredKey", r.retired().toString());
        n.put("jwks", r.jwks().toString());
        n.put("kid", r.kid());
        n.put("previousKid", r.previousKid());
        n.put("alg", r.algorithm());
        r.kids().forEach(n.putArray("kids")::add);
        ctx.out().println(Json.pretty(n));
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "jwks",
      mixinStandardHelpOptions = true,
      description = "Print the public JWK Set of a private key (no private members).",
      footerHeading = "%nExamples:%n",
      footer = {"  cds keys jwks private-key.pem > jwks.json", "  cds keys jwks key.pem --kid ehr-2025"})
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
