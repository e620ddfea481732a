package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.client.DiscoveryCache;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * completions/cds.bash in a real bash: sourced, then its completion function called with the
 * words of a command line, as bash does on Tab; the answer is COMPREPLY.
 */
class BashCompletionTest {
  static final Path SCRIPT = Path.of("completions/cds.bash").toAbsolutePath();

  /** Bundled hook names: the catalog's, which the script carries. */
  static final List<String> HOOKS = List.of("allergyintolerance-create", "appointment-book",
      "encounter-discharge", "encounter-start", "medication-refill", "medication-verify", "order-dispatch",
      "order-select", "order-sign", "patient-view", "problem-list-item-create", "medication-prescribe",
      "order-review");

  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void cleanEnvironment() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "bash is not installed: the bash completion script cannot be run");
    env.put("HOME", dir.resolve("home").toString());
  }

  @Test
  void subcommands() throws Exception {
    List<String> root = complete("");
    assertTrue(root.containsAll(List.of("call", "validate", "keys", "completion", "help")), root.toString());
    assertEquals(List.of("call", "capabilities"), complete("ca"));
    assertEquals(List.of("generate", "jwks", "rotate"), complete("keys", ""));
    assertEquals(List.of("generate"), complete("--color", "never", "keys", "g"), "a global before the command");
  }

  @Test
  void optionsOfCall() throws Exception {
    List<String> options = complete("call", "--");
    assertTrue(options.containsAll(List.of("--context", "--request", "--fail-on", "--base", "--profile", "--output")),
        options.toString());
    assertFalse(options.contains("--prefetch-from"), "hidden aliases are not offered");
    assertEquals(List.of("--fail-on", "--fail-on-p95", "--fail-on-p90"), complete("call", "--fail-on"));
  }

  @Test
  void enumValues() throws Exception {
    assertEquals(List.of("info", "warning", "critical"), complete("call", "--fail-on", ""));
    assertEquals(List.of("info", "warning", "critical"), complete("call", "--color", "never", "--fail-on", ""));
    assertEquals(List.of("R4", "STU3", "DSTU2"), complete("call", "--fhir-version", ""));
    assertEquals(List.of("auto", "always", "never"), complete("--color", ""));
    assertEquals(List.of("always"), complete("render", "--color", "al"));
    assertEquals(List.of("request", "response", "discovery", "feedback"), complete("validate", "--as", ""));
    assertEquals(List.of("2.0", "crd", "fhirpath", "all"), complete("prefetch", "--prefetch-tokens", ""));
    assertEquals(List.of("ES384", "RS384"), complete("keys", "generate", "--alg", ""));
    assertEquals(List.of("cds-hooks", "crd"), complete("test", "--suite", ""));
    assertEquals(List.of("bash", "zsh"), complete("completion", ""));
  }

  @Test
  void valuesAfterEquals() throws Exception {
    // COMP_WORDBREAKS holds '=' by default: bash hands over --fail-on = w
    assertEquals(List.of("warning"), complete("call", "--fail-on", "=", "w"));
    assertEquals(List.of("info", "warning", "critical"), complete("call", "--fail-on", "="));
    // without '=' in COMP_WORDBREAKS the word stays whole, and so does the answer
    assertEquals(List.of("--fail-on=warning"), complete("call", "--fail-on=w"));
    // a value already given is skipped on the way to the command
    assertEquals(List.of("generate"), complete("--color", "=", "never", "keys", "g"));
  }

  @Test
  void filesForFileArguments() throws Exception {
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.writeString(files.resolve("request.json"), "{}");
    Files.writeString(files.resolve("response.json"), "{}");
    Files.createDirectories(files.resolve("records"));
    String prefix = files + "/re";
    List<String> all = List.of(files + "/records", files + "/request.json", files + "/response.json");
    assertEquals(all, sorted(complete("call", "--context", prefix)));
    assertEquals(all, sorted(complete("call", "--request", prefix)));
    assertEquals(all, sorted(complete("call", "--expect=" + prefix).stream().map(s -> s.substring("--expect=".length())).toList()));
    assertEquals(all, sorted(complete("validate", prefix)), "validate's files");
    assertEquals(all, sorted(complete("validate", files + "/request.json", prefix)), "validate takes many");
    assertEquals(all, sorted(complete("diff", files + "/request.json", prefix)), "diff's second file");
    assertEquals(all, sorted(complete("render", prefix)));
    assertEquals(all, sorted(complete("init", "patient-view", "-o", prefix)));
    assertEquals(all, sorted(complete("serve", "--jwks", prefix)));
    assertEquals(List.of(files + "/records"), complete("serve", "--record", prefix), "folders only");
  }

  @Test
  void profilesFromTheConfigFile() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[default]\nbase = http://localhost:1\n\n  [ profile prod ]\n[staging]\r\n"
        + "[has space]\n[$(touch " + dir.resolve("pwned") + ")]\n; [commented]\n");
    env.put("CDS_CONFIG", config.toString());
    assertEquals(List.of("default", "prod", "staging"), complete("--profile", ""));
    assertEquals(List.of("staging"), complete("call", "--profile", "s"));
    assertFalse(Files.exists(dir.resolve("pwned")), "a profile name is never run");

    env.remove("CDS_CONFIG");
    Path home = Files.createDirectories(dir.resolve("home/.config/cds"));
    Files.writeString(home.resolve("config"), "[home-profile]\n");
    assertEquals(List.of("home-profile"), complete("--profile", ""), "$HOME/.config/cds/config");

    Path xdg = Files.createDirectories(dir.resolve("xdg/cds"));
    Files.writeString(xdg.resolve("config"), "[xdg-profile]\n");
    env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    assertEquals(List.of("xdg-profile"), complete("--profile", ""), "$XDG_CONFIG_HOME/cds/config");

    env.put("CDS_CONFIG", dir.resolve("missing").toString());
    assertEquals(List.of(), complete("--profile", ""));
  }

  @Test
  void serviceIdsAndHooksFromTheDiscoveryCache() throws Exception {
    env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    assertEquals(HOOKS, complete("call", ""), "no cache yet: the bundled hooks");
    assertEquals(List.of(), complete("feedback", "--service", ""));

    writeDiscoveryCache(dir.resolve("cache"));
    List<String> targets = complete("call", "");
    assertEquals(HOOKS, targets.subList(0, HOOKS.size()), targets.toString());
    assertEquals(List.of("com.example.formulary", "crd-order-sign", "price-check", "pv-reminders"),
        sorted(targets.subList(HOOKS.size(), targets.size())), "hooks once each, and the ids; odd ids left out");
    assertFalse(Files.exists(dir.resolve("pwned")), "an id is never run");
    assertEquals(List.of("price-check", "problem-list-item-create"), sorted(complete("call", "pr")));
    List<String> ids = List.of("crd-order-sign", "price-check", "pv-reminders");
    assertEquals(ids, sorted(complete("feedback", "--service", "")));
    assertEquals(ids, sorted(complete("prefetch", "")));
    assertEquals(List.of("crd-order-sign"), complete("call", "--service", "c"));
    assertEquals(List.of("com.example.formulary"), complete("validate", "--hook", "com"));
  }

  @Test
  void onlyTheServerTheCommandLineNamesWhenItNamesOne() throws Exception {
    env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    writeDiscoveryCache(dir.resolve("cache"));
    List<String> local = List.of("price-check", "pv-reminders");
    assertEquals(local, sorted(complete("prefetch", "--base", "http://localhost:8080/", "")), "a trailing slash");
    assertEquals(List.of("crd-order-sign"),
        sorted(complete("prefetch", "--base=https://crd.example.org/cds-services", "")), "the /cds-services form");
    env.put("CDS_BASE_URL", "https://crd.example.org");
    assertEquals(List.of("crd-order-sign"), sorted(complete("feedback", "--service", "")), "CDS_BASE_URL");
    assertEquals(local, sorted(complete("prefetch", "--base", "http://localhost:8080", "")), "the flag beats it");
    env.put("CDS_BASE_URL", "http://elsewhere:1");
    assertEquals(List.of(), complete("feedback", "--service", ""), "a server with nothing cached");
  }

  @Test
  void aSymlinkInTheCacheIsNotTrusted() throws Exception {
    env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    writeDiscoveryCache(dir.resolve("cache"));
    Path elsewhere = dir.resolve("elsewhere.json");
    Files.writeString(elsewhere, "{\"base\":\"x\",\"identity\":\"none\",\"fetchedAtMillis\":1767225600000,"
        + "\"document\":{\"services\":[{\"hook\":\"patient-view\",\"id\":\"planted\"}]}}");
    Files.createSymbolicLink(dir.resolve("cache/cds/discovery/0000000000000000.json"), elsewhere);
    assertEquals(List.of("crd-order-sign", "price-check", "pv-reminders"), sorted(complete("prefetch", "")),
        "as DiscoveryCache itself, the script skips what it would not trust");
  }

  /** Two servers' documents, written by the real cache, one of them holding ids that need quoting. */
  static void writeDiscoveryCache(Path cacheHome) {
    DiscoveryCache cache = new DiscoveryCache(cacheHome.resolve("cds/discovery"), Clock.systemUTC(), Duration.ofHours(1));
    cache.put("http://localhost:8080", "none", Json.parse("""
        {"services": [
          {"hook": "order-select", "id": "price-check", "title": "id",
           "prefetch": {"id": "Patient/{{context.patientId}}"},
           "extension": {"example.org/x": [{"id": "not-a-service"}]}},
          {"hook": "com.example.formulary", "id": "pv-reminders", "description": "id"},
          {"hook": "patient-view", "id": "has space"},
          {"hook": "patient-view", "id": "$(touch pwned)"},
          {"hook": "patient-view", "id": "quote\\"d"}
        ]}""", "test"));
    cache.put("https://crd.example.org", "iss=x;client=y", Json.parse("""
        {"services": [{"hook": "order-sign", "id": "crd-order-sign"}]}""", "test"));
  }

  /** COMPREPLY for a command line whose last word is the one being completed. */
  private List<String> complete(String... words) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", """
        source "$1" || exit 9
        shift
        COMP_WORDS=(cds "$@")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _cds cds "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """, "bash", SCRIPT.toString()));
    command.addAll(List.of(words));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("", err, "the completion prints nothing on stderr");
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }
}
