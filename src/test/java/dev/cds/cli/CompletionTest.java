package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The scripts under completions/ match what the command model generates, and the command itself.
 * What the scripts do in a shell: {@link BashCompletionTest}, {@link ZshCompletionTest}.
 */
class CompletionTest {
  @TempDir Path dir;

  @Test
  void bashScriptIsUpToDate() throws Exception {
    check("bash", Path.of("completions/cds.bash"));
  }

  @Test
  void zshScriptIsUpToDate() throws Exception {
    check("zsh", Path.of("completions/_cds"));
  }

  @Test
  void bashKeepsItsFileNameFallback() {
    String script = cli().run("completion", "bash").out();
    assertTrue(script.contains("complete -o default -F _cds cds"), "registered with -o default");
    assertFalse(script.contains("+o default"), "never switches bash's own file name completion off");
  }

  @Test
  void zshScriptIsNativeNotBashCompatibility() {
    String script = cli().run("completion", "zsh").out();
    assertTrue(script.startsWith("#compdef cds\n"), "compinit finds it on fpath by its first line");
    assertFalse(script.contains("bashcompinit"));
    assertFalse(script.contains("compopt"), "compopt is bash-only: zsh said 'command not found: compopt'");
  }

  @Test
  void bundledHookNamesAreInBothScripts() {
    for (String shell : new String[] {"bash", "zsh"}) {
      String script = cli().run("completion", shell).out();
      assertTrue(script.contains("order-dispatch") && script.contains("patient-view"), shell);
    }
  }

  @Test
  void outputJsonIsAcceptedAndIgnored() {
    Cli.Result r = cli().run("completion", "bash", "--output", "json");
    assertEquals(0, r.code(), r::toString);
    assertEquals(cli().run("completion", "bash").out(), r.out());
  }

  @Test
  void anUnknownShellIsAUsageErrorOnOneLine() {
    Cli.Result r = cli().run("completion", "fish");
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("fish"), r.err());
  }

  /** picocli reads ${...} in help text as a variable: unescaped, ${fpath[1]} printed "null". */
  @Test
  void helpShowsFpathNotNull() {
    Cli.Result r = cli().run("completion", "--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("\"${fpath[1]}/_cds\""), r.out());
    assertFalse(r.out().contains("null"), r.out());
  }

  @Test
  void manPageShowsFpathNotNull() throws Exception {
    CliContext ctx = new CliContext(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()),
        InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false, dir.resolve("config"));
    var cds = Main.build(ctx, null, new String[0]);
    assertEquals(0, ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, cds.getCommandSpec()));
    String page = Files.readString(dir.resolve("cds-completion.adoc"));
    assertTrue(page.contains("${fpath[1]}/_cds"), page);
    assertFalse(page.contains("null"), page);
    assertTrue(new File(dir.toFile(), "cds-call.adoc").isFile());
  }

  private static void check(String shell, Path file) throws Exception {
    Cli.Result r = cli().run("completion", shell);
    assertEquals(0, r.code(), r::toString);
    if (System.getProperty("cds.updateCompletions") != null) {
      Files.writeString(file, r.out());
    }
    assertEquals(Files.readString(file), r.out(),
        file + " is out of date: run ./mvnw test -Dtest='CompletionTest,ConfigTest' -Dcds.updateCompletions");
  }
}
