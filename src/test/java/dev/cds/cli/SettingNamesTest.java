package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Setting;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Failures outside the command layer point at settings; the command line spells them as its
 * options. A renamed or removed option must not leave a message naming a flag that is gone.
 */
class SettingNamesTest {
  @Test
  void everySettingIsAnOptionOfSomeCommand() {
    Set<String> names = new TreeSet<>();
    collect(Main.build(context(), null, new String[0]), names);
    for (Setting s : Setting.values()) {
      String flag = SettingNames.flag(s);
      assertTrue(names.contains(flag), s + " is spelled " + flag + ", which no command has");
    }
  }

  @Test
  void theCommandLineNamesOptionsAndEveryoneElseGetsWords() {
    CdsException e = CdsException.usage("a CDS Hooks JWT needs an issuer: pass {0} ISSUER", Setting.ISSUER);
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals("a CDS Hooks JWT needs an issuer: pass --iss ISSUER", e.message(SettingNames::flag));
    assertEquals("a CDS Hooks JWT needs an issuer: pass an issuer ISSUER", e.getMessage());
  }

  @Test
  void whatTheUserTypedIsNeverReadAsAPlaceholder() {
    CdsException e = CdsException.usage("{0} {1}: expected PATH=VALUE", Setting.SET, "x{0}y{1}");
    assertEquals("--set x{0}y{1}: expected PATH=VALUE", e.message(SettingNames::flag));
    CdsException plain = CdsException.usage("a message with {0} and no arguments");
    assertEquals("a message with {0} and no arguments", plain.message(SettingNames::flag));
    assertEquals("port null is out of range", CdsException.usage("port {0} is out of range", (Object) null).getMessage());
  }

  @Test
  void aDomainFailureReachesTheUserWithTheOptionName() {
    Cli.Result r = Cli.cli().run("call", "patient-view", "--base", "http://127.0.0.1:9", "--set", "nonsense");
    assertEquals(2, r.code(), r::toString);
    assertEquals("cds: --set nonsense: expected PATH=VALUE, e.g. --set context.patientId=abc\n", r.err());
  }

  private static void collect(CommandLine cli, Set<String> names) {
    cli.getCommandSpec().options().forEach(o -> names.addAll(java.util.List.of(o.names())));
    cli.getSubcommands().values().forEach(sub -> collect(sub, names));
  }

  private static CliContext context() {
    return new CliContext(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()),
        InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false, Path.of("target"));
  }
}
