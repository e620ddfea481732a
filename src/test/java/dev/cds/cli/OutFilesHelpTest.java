package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o is --out for the key commands too; how output files are written is told once, in cds --help. */
class OutFilesHelpTest {
  @TempDir Path dir;

  @Test
  void keysGenerateAndRotateTakeDashO() {
    Path keys = dir.resolve("keys");
    Cli.Result generated = cli().run("keys", "generate", "-o", keys.toString());
    assertEquals(0, generated.code(), generated::toString);
    assertTrue(Files.exists(keys.resolve("private-key.pem")) && Files.exists(keys.resolve("jwks.json")));
    Cli.Result rotated = cli().run("keys", "rotate", "-o", keys.toString(), "--output", "json");
    assertEquals(0, rotated.code(), rotated::toString);
    assertTrue(rotated.out().contains("\"kid\""), rotated.out());
  }

  @Test
  void aFormatOrStdoutIsNotAKeyFolder() {
    Cli.Result format = cli().run("keys", "generate", "-o", "json");
    assertEquals(2, format.code(), format::toString);
    assertTrue(format.err().contains("did you mean --output json?"), format.err());
    Cli.Result stdout = cli().run("keys", "rotate", "-o", "-");
    assertEquals(2, stdout.code(), stdout::toString);
    assertTrue(stdout.err().startsWith("cds: -o takes a folder here"), stdout.err());
    assertEquals(1, stdout.err().lines().count(), stdout.err());
  }

  @Test
  void rootHelpDescribesOutputFilesAndTheHelpCommand() {
    String help = cli().env("COLUMNS", "100").run("--help").out();
    String files = help.substring(help.indexOf("\nFiles:\n")).replaceAll("\\s+", " ");
    assertTrue(files.contains("-o/--out FILE: - is stdout. A file is written atomically, whole or not at all"), files);
    assertTrue(files.contains("a device or a FIFO"), files);
    assertTrue(files.contains("a missing folder is exit 3"), files);
    assertTrue(help.lines().anyMatch(l -> l.matches("  help +Show the help of cds, or of a command: cds help call\\.")), help);
  }

  @Test
  void eachDashOPointsToTheFilesSection() {
    for (String[] command : new String[][] {{"init", "--help"}, {"keys", "generate", "--help"}}) {
      String help = cli().env("COLUMNS", "120").run(command).out();
      String line = help.lines().filter(l -> l.contains("-o, --out")).findFirst().orElse("");
      assertTrue(line.contains("Files in cds --help"), help);
    }
  }
}
