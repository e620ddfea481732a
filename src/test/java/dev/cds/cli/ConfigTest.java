package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config file: where it is, what it may hold, what cds config view reports. */
class ConfigTest {
  private static final Path KEYS = Path.of("src/main/resources/dev/cds/cli/config-keys.txt");
  @TempDir Path dir;

  /** The keys a profile may set are every command's long option names; the list is generated. */
  @Test
  void knownKeysAreUpToDate() throws Exception {
    Set<String> keys = new TreeSet<>();
    collect(Main.build(context(), null, new String[0]), keys);
    String text = String.join("\n", keys) + "\n";
    if (System.getProperty("cds.updateCompletions") != null) {
      Files.writeString(KEYS, text);
    }
    assertEquals(Files.readString(KEYS), text,
        KEYS + " is out of date: run ./mvnw test -Dtest='CompletionTest,ConfigTest' -Dcds.updateCompletions");
  }

  private static void collect(CommandLine cli, Set<String> keys) {
    cli.getCommandSpec().options().forEach(o -> {
      if (o.longestName().startsWith("--") && !o.usageHelp() && !o.versionHelp()) {
        keys.add(o.longestName().substring(2));
      }
    });
    cli.getSubcommands().values().forEach(sub -> collect(sub, keys));
  }

  private static CliContext context() {
    return new CliContext(new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()), java.io.InputStream.nullInputStream(),
        java.util.Map.of(), java.time.Clock.systemUTC(), false, false, Path.of("target"));
  }

  @Test
  void missingConfigNamedByCdsConfigIsBadInput() {
    Cli.Result r = cli().env("CDS_CONFIG", dir.resolve("nope").toString()).run("hooks");
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("CDS_CONFIG"), r.err());
  }

  @Test
  void unknownKeyWarnsWithTheNearestKnownOne() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\nbsae = http://localhost:1\n");
    Cli.Result r = cli().env("CDS_CONFIG", config.toString()).run("hooks", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.err().contains("unknown key 'bsae'; did you mean 'base'?"), r.err());
  }

  @Test
  void homeComesFromTheEnvironment() throws Exception {
    Files.createDirectories(dir.resolve(".config/cds"));
    Files.writeString(dir.resolve(".config/cds/config"), "[default]\nkey = ~/keys/private.pem\n");
    Cli.Result path = cli().env("HOME", dir.toString()).configDir(CliContext.configDir(
        java.util.Map.of("HOME", dir.toString()))).run("config", "path");
    assertEquals(dir.resolve(".config/cds/config").toString(), path.out().trim(), path.toString());
    Cli.Result view = cli().env("HOME", dir.toString()).configDir(dir.resolve(".config/cds")).run("config", "view");
    assertTrue(view.out().contains(dir.resolve("keys/private.pem").toString()), view.toString());
  }

  @Test
  void viewSaysWhereEachSettingCameFromAndRedactsSecrets() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\nbase = http://profile:1\nfhir-token = s3cret\niss = ehr\n");
    Cli.Result r = cli().env("CDS_CONFIG", config.toString()).env("CDS_BASE_URL", "http://env:2")
        .run("config", "view", "--output", "json");
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.out().contains("s3cret"), r.out());
    assertTrue(r.out().contains("\"value\": \"http://env:2\""), r.out());
    assertTrue(r.out().contains("environment (CDS_BASE_URL)"), r.out());
    assertTrue(r.out().contains("\"source\": \"profile\""), r.out());
  }

  @Test
  void rootHelpDocumentsTheConfigFileAndEnvironment() {
    String help = cli().run("--help").out();
    assertTrue(help.contains("CDS_CONFIG") && help.contains("CDS_BASE_URL") && help.contains("NO_COLOR"), help);
    String completion = cli().run("completion", "--help").out();
    assertTrue(completion.contains("${fpath[1]}") && !completion.contains("null"), completion);
  }
}
