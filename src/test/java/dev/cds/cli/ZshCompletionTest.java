package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * completions/_cds in a real interactive zsh, installed as the README says (a folder on fpath, then
 * compinit), with Tab typed into a pseudo-terminal: the matches zsh offers and what the terminal
 * shows. Skipped where zsh is not installed (.ci/run installs it).
 */
class ZshCompletionTest {
  @TempDir Path dir;

  @Test
  void tabCompletesInARealZsh() throws Exception {
    Optional<Path> zsh = Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .map(p -> Path.of(p, "zsh")).filter(Files::isExecutable).findFirst();
    Assumptions.assumeTrue(zsh.isPresent(), "zsh is not installed: the zsh completion script cannot be tried");

    Path fpath = Files.createDirectories(dir.resolve("site-functions"));
    Files.copy(Path.of("completions/_cds"), fpath.resolve("_cds"));
    Path driver = dir.resolve("zsh-complete.zsh");
    try (InputStream in = getClass().getResourceAsStream("zsh-complete.zsh")) {
      Files.copy(in, driver);
    }
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\n[profile prod]\n[staging]\n");
    BashCompletionTest.writeDiscoveryCache(dir.resolve("cache"));
    Path planted = dir.resolve("elsewhere.json");
    Files.writeString(planted, "{\"document\":{\"services\":[{\"hook\":\"patient-view\",\"id\":\"planted\"}]}}");
    Files.createSymbolicLink(dir.resolve("cache/cds/discovery/0000000000000000.json"), planted);
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.writeString(files.resolve("request.json"), "{}");
    Files.writeString(files.resolve("response.json"), "{}");

    Path out = dir.resolve("matches");
    List<String> command = new ArrayList<>(List.of(zsh.get().toString(), "-f", driver.toString(),
        fpath.toString(), out.toString()));
    command.addAll(List.of("cds ", "cds ca", "cds call --fail-on ", "cds call --color never --fail-on ", "cds call --fhir-version=", "cds --color ",
        "cds --profile ", "cds call ", "cds feedback --service ", "cds keys ", "cds call --context files/re",
        "cds feedback --base https://crd.example.org/ --service "));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(), "TERM", "xterm",
        "CDS_CONFIG", config.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()));
    Process p = pb.start();
    String tty = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    Assumptions.assumeFalse(p.exitValue() == 3, "this zsh has no zsh/zpty module: no terminal to type Tab into");
    assertEquals(0, p.exitValue(), tty);
    assertFalse(tty.contains("command not found"), tty);
    assertFalse(tty.contains("compopt"), tty);

    Map<String, List<String>> offered = offered(out);
    assertTrue(offered.get("cds ").containsAll(List.of("call", "validate", "keys", "completion")),
        "the first Tab already completes: " + offered);
    assertEquals(List.of("call", "capabilities"), offered.get("cds ca"));
    assertEquals(List.of("info", "warning", "critical"), offered.get("cds call --fail-on "));
    assertEquals(List.of("info", "warning", "critical"), offered.get("cds call --color never --fail-on "),
        "a global option after the command is the command's");
    assertEquals(List.of("R4", "STU3", "DSTU2"), offered.get("cds call --fhir-version="));
    assertEquals(List.of("auto", "always", "never"), offered.get("cds --color "));
    assertEquals(List.of("default", "prod", "staging"), offered.get("cds --profile "));
    assertTrue(offered.get("cds call ").containsAll(List.of("patient-view", "com.example.formulary",
        "price-check", "crd-order-sign")), offered.get("cds call ").toString());
    assertFalse(offered.get("cds call ").contains("has space"), offered.get("cds call ").toString());
    assertEquals(List.of("crd-order-sign", "price-check", "pv-reminders"),
        offered.get("cds feedback --service ").stream().sorted().toList(), "a symlinked entry is not trusted");
    assertEquals(List.of("crd-order-sign"), offered.get("cds feedback --base https://crd.example.org/ --service "),
        "only the server the command line names");
    assertEquals(List.of("generate", "jwks", "rotate"), offered.get("cds keys "));
    assertTrue(offered.get("cds call --context files/re").containsAll(List.of("request.json", "response.json")),
        offered.get("cds call --context files/re").toString());
  }

  /** The matches under each "== LINE" heading, once each, in the order offered. */
  private static Map<String, List<String>> offered(Path out) throws Exception {
    Map<String, List<String>> offered = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith("== ")) {
        current = new ArrayList<>();
        offered.put(line.substring(3), current);
      } else if (current != null && !current.contains(line)) {
        current.add(line);
      }
    }
    return offered;
  }
}
