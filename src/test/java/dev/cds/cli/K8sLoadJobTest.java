package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes example as Kubernetes would read it (we cannot run a cluster here): an Indexed
 * Job whose pods each run one segment of the run, with what a segment needs wired in.
 */
class K8sLoadJobTest {
  private static final Pattern OPTION = Pattern.compile("(?<=\\s)--[a-z0-9-]+");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object d : new Yaml().loadAll(Files.readString(Path.of("examples/k8s", file)))) {
      docs.add((Map<String, Object>) d);
    }
    return docs;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, String... path) {
    Object n = node;
    for (String p : path) {
      n = n instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) n).get(p);
      assertNotNull(n, String.join(".", path));
    }
    return (T) n;
  }

  /** The shell text a container runs: its command and args joined. */
  private static String script(Map<String, Object> container) {
    List<String> parts = new ArrayList<>(at(container, "command"));
    parts.addAll(at(container, "args"));
    return String.join(" ", parts);
  }

  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new java.util.HashMap<>();
    List<Map<String, Object>> list = at(container, "env");
    list.forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
    return env;
  }

  private static Map<String, String> mounts(Map<String, Object> container) {
    Map<String, String> byPath = new java.util.HashMap<>();
    List<Map<String, Object>> list = at(container, "volumeMounts");
    list.forEach(m -> byPath.put((String) m.get("mountPath"), (String) m.get("name")));
    return byPath;
  }

  @Test
  void anIndexedJobRunsOneSegmentPerPod() throws Exception {
    List<Map<String, Object>> docs = documents("load-job.yaml");
    Map<String, Object> job = kind(docs, "Job");
    assertEquals("batch/v1", job.get("apiVersion"));
    Map<String, Object> spec = at(job, "spec");
    assertEquals("Indexed", spec.get("completionMode"));
    int completions = at(spec, "completions");
    assertEquals(completions, (int) at(spec, "parallelism"), "every segment at once");
    assertEquals(0, (int) at(spec, "backoffLimit"), "a segment is never run twice");

    Map<String, Object> pod = at(spec, "template", "spec");
    Map<String, Object> segment = at(pod, "containers", "0");
    String run = script(segment);
    assertTrue(run.contains("cds call "), run);
    assertTrue(run.contains("--segment \"${JOB_COMPLETION_INDEX}/${SEGMENTS}\""), run);
    assertEquals(String.valueOf(completions), env(segment).get("SEGMENTS"), "N of I/N is the number of pods");
    assertTrue(run.contains("--start-at \"$START_AT\"") && env(segment).containsKey("START_AT"), run);

    Matcher log = Pattern.compile("--histogram-log \"(/[a-z]+)/\\$\\{JOB_COMPLETION_INDEX}\\.hlog\"").matcher(run);
    assertTrue(log.find(), run);
    String logVolume = mounts(segment).get(log.group(1));
    Map<String, Object> claim = volume(pod, logVolume);
    String claimName = at(claim, "persistentVolumeClaim", "claimName");
    Map<String, Object> pvc = kind(docs, "PersistentVolumeClaim");
    assertEquals(claimName, at(pvc, "metadata", "name"));
    assertTrue(((List<?>) at(pvc, "spec", "accessModes")).contains("ReadWriteMany"), "all pods write to it at once");
  }

  @Test
  void keysComeFromASecretAndDiscoveryIsWarmedBeforeTheRun() throws Exception {
    Map<String, Object> pod = at(kind(documents("load-job.yaml"), "Job"), "spec", "template", "spec");
    Map<String, Object> segment = at(pod, "containers", "0");
    Map<String, Object> prepare = at(pod, "initContainers", "0");
    String warm = script(prepare);
    assertTrue(warm.contains("cds discover "), warm);
    assertEquals(env(segment).get("XDG_CACHE_HOME"), env(prepare).get("XDG_CACHE_HOME"));
    String cache = env(segment).get("XDG_CACHE_HOME");
    assertEquals(mounts(prepare).get(cache), mounts(segment).get(cache), "the run reads the cache the init container filled");
    assertTrue(volume(pod, mounts(segment).get(cache)).containsKey("emptyDir"));

    // the key: a Secret, copied owner-only where the call reads it
    Matcher key = Pattern.compile("--key (/[a-z]+)/([a-z.-]+)").matcher(script(segment));
    assertTrue(key.find());
    String keysVolume = mounts(segment).get(key.group(1));
    assertEquals(keysVolume, mounts(prepare).get(key.group(1)));
    assertTrue(warm.contains("install -m 600 ") && warm.contains(key.group(1) + "/" + key.group(2)), warm);
    String secretMount = mounts(prepare).entrySet().stream()
        .filter(e -> volume(pod, e.getValue()).containsKey("secret")).map(Map.Entry::getKey).findFirst().orElseThrow();
    assertTrue(warm.contains(secretMount + "/"), warm);
  }

  @Test
  void theMergeJobReadsTheSameVolume() throws Exception {
    Map<String, Object> merge = kind(documents("merge-job.yaml"), "Job");
    Map<String, Object> pod = at(merge, "spec", "template", "spec");
    Map<String, Object> container = at(pod, "containers", "0");
    String run = script(container);
    assertTrue(run.contains("cds load merge /results/*.hlog"), run);
    assertEquals("results", mounts(container).get("/results"));
    String claim = at(volume(pod, "results"), "persistentVolumeClaim", "claimName");
    assertEquals(at(kind(documents("load-job.yaml"), "PersistentVolumeClaim"), "metadata", "name"), claim);
  }

  /** Every option the manifests pass exists: a typo would only show on the cluster. */
  @Test
  void everyOptionTheManifestsUseExists() throws Exception {
    Map<String, Object> pod = at(kind(documents("load-job.yaml"), "Job"), "spec", "template", "spec");
    Map<String, Object> mergePod = at(kind(documents("merge-job.yaml"), "Job"), "spec", "template", "spec");
    assertOptionsExist(script(at(pod, "containers", "0")), "call");
    assertOptionsExist(script(at(pod, "initContainers", "0")), "discover");
    assertOptionsExist(script(at(mergePod, "containers", "0")), "load", "merge");
  }

  private static void assertOptionsExist(String script, String... command) {
    String[] help = new String[command.length + 1];
    System.arraycopy(command, 0, help, 0, command.length);
    help[command.length] = "--help";
    String usage = cli().run(help).out();
    Matcher m = OPTION.matcher(script);
    int found = 0;
    while (m.find()) {
      found++;
      assertTrue(usage.contains(m.group() + " ") || usage.contains(m.group() + "="),
          m.group() + " is not an option of cds " + String.join(" ", command));
    }
    assertTrue(found > 0, script);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> volume(Map<String, Object> pod, String name) {
    List<Map<String, Object>> volumes = (List<Map<String, Object>>) pod.get("volumes");
    return volumes.stream().filter(v -> name.equals(v.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }
}
