package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardCommandsHelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"render", "diff", "feedback", "call"})
  void helpLinesFitEightyColumnsAndShowExamples(String command) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        java.io.InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false, Path.of("target"));
    String help = Main.build(ctx, command, new String[] {command}).getSubcommands().get(command).getUsageMessage();
    assertTrue(help.contains("Examples:"), help);
    // up to the pointer to cds --help that ends every command's help
    String examples = help.substring(help.indexOf("Examples:"), help.lastIndexOf("Global options ("));
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= 80, command + ": " + line.length() + ": " + line);
    }
    for (String line : examples.split("\n")) {
      assertTrue(line.isEmpty() || line.startsWith(" ") || line.equals("Examples:") || command.equals("call"),
          command + ": an example wrapped: " + line);
    }
  }
}
