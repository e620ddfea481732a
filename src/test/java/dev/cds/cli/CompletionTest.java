package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in scripts under completions/ must match what the command model generates. */
class CompletionTest {
  @Test
  void bashScriptIsUpToDate() throws Exception {
    check("bash", Path.of("completions/cds.bash"));
  }

  @Test
  void zshScriptIsUpToDate() throws Exception {
    check("zsh", Path.of("completions/_cds"));
  }

  @Test
  void hookNamesComplete() {
    String script = cli().run("completion", "bash").out();
    assertTrue(script.contains("order-dispatch") && script.contains("patient-view"));
  }

  private static void check(String shell, Path file) throws Exception {
    Cli.Result r = cli().run("completion", shell);
    assertEquals(0, r.code(), r::toString);
    if (System.getProperty("cds.updateCompletions") != null) {
      Files.writeString(file, r.out());
    }
    assertEquals(Files.readString(file), r.out(),
        file + " is out of date: run ./mvnw test -Dtest=CompletionTest -Dcds.updateCompletions");
  }
}
