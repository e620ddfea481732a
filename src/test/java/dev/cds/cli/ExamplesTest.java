package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.testing.ChildProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example of the help footers and of the README runs as written.
 *
 * <p>What an example is: in a help footer, a line indented by two spaces whose command (the text
 * before a trailing {@code #} comment) runs {@code cds}: it starts with {@code cds}, perhaps after
 * {@code NAME=value} assignments, or has {@code cds} after {@code |}, {@code $(} or {@code <(}; a
 * line ending in {@code \} continues on the next. In the README, the same kind of line inside a
 * {@code ```sh} block. A trailing comment that starts with {@code illustrative} marks an example
 * that cannot run here (a placeholder, a real payer, a fixed port, an install); the test skips it. A
 * comment that starts with {@code exit N} is the exit code the example shows; every other example
 * exits 0. None prints a stack trace or an internal error.
 *
 * <p>How it runs: each example is one {@code bash -c} in a folder holding a copy of
 * {@code examples/} (so paths are those a user types in a clone) and a fresh {@code HOME}, with
 * {@code CDS_BASE_URL} pointing at {@code cds serve examples/services --fhir examples/fhir/ehr.json}
 * on a free port. A background {@code cds serve … &} line is run on a free port instead of the port
 * it names (the one thing the test changes), and the rest of its block talks to it through
 * {@code CDS_BASE_URL}, as the block's {@code export CDS_BASE_URL=…} line says. Bash does the pipes,
 * quoting, globs and redirections; the {@code cds} on its {@code PATH} hands the command to one JVM
 * that runs cds in-process ({@link ExampleHost}), so the whole run takes seconds, not a JVM start
 * per command. {@code jq} and {@code curl} are the system's; an example that needs one that is
 * missing is skipped, saying so.
 */
class ExamplesTest {
  private static final Pattern RUNS_CDS =
      Pattern.compile("^\\s*(?:\\w+=\\S*\\s+)*cds(?:\\s|$)|[|(]\\s*cds(?:\\s|$)");
  private static final Pattern EXPECTED_EXIT = Pattern.compile("^exit (\\d+)\\b");
  private static final Pattern SERVE = Pattern.compile("^cds serve\\b([^&]*)(&?)$");
  private static final String DEFAULT_SERVE = "examples/services --fhir-data examples/fhir/ehr.json";

  @TempDir static Path work;
  private static ChildProcess host;
  private static int hostPort;
  private static final Map<String, String> servers = new HashMap<>();

  /** One example: where it is shown, its command line (continuations joined) and the comment after it. */
  record Example(String where, String block, String command, String comment) {
    boolean illustrative() {
      return comment.startsWith("illustrative");
    }

    /** Help and README examples each start from their own empty HOME: both set up ~/.config/cds/keys. */
    String home() {
      return where.startsWith("help") ? "home-help" : "home-readme";
    }

    int expectedExit() {
      Matcher m = EXPECTED_EXIT.matcher(comment);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public String toString() {
      return where + ": " + command;
    }
  }

  @TestFactory
  Stream<DynamicTest> examples() throws Exception {
    List<Example> examples = new ArrayList<>(helpExamples());
    examples.addAll(readmeExamples(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)));
    prepare();
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> run(e)));
  }

  @AfterAll
  static void stopHost() throws InterruptedException {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void everyCommandShowsAnExampleAndEveryMarkerSaysWhy() throws IOException {
    List<Example> help = helpExamples();
    CliContext ctx = quietContext();
    List<String> without = new ArrayList<>();
    commands(Main.build(ctx, null, new String[0]), without, help);
    assertEquals(List.of(), without, "commands whose help shows no example");
    List<Example> all = new ArrayList<>(help);
    all.addAll(readmeExamples(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)));
    assertTrue(all.stream().filter(e -> e.where().startsWith("README")).count() > 30, "the README's examples were found");
    for (Example e : all) {
      assertFalse(e.comment().matches("(?i).*\\billustrative\\b.*") && !e.comment().matches("illustrative: \\S.*"),
          "the marker is '# illustrative: why': " + e);
    }
  }

  private static void commands(CommandLine cl, List<String> without, List<Example> help) {
    if (cl.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    String name = cl.getCommandSpec().qualifiedName();
    if (help.stream().noneMatch(e -> e.block().equals(name))) {
      without.add(name);
    }
    cl.getSubcommands().values().stream().distinct().forEach(sub -> commands(sub, without, help));
  }

  private static CliContext quietContext() {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        java.io.InputStream.nullInputStream(), Map.of(), Clock.systemUTC(), false, false,
        Path.of("target", "test-config-absent"));
  }

  // ---- extraction

  /** The example lines of every command's help footer, walking the model {@code Main} builds. */
  static List<Example> helpExamples() {
    List<Example> found = new ArrayList<>();
    walk(Main.build(quietContext(), null, new String[0]), found);
    return found;
  }

  private static void walk(CommandLine cl, List<Example> found) {
    if (cl.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    String name = cl.getCommandSpec().qualifiedName();
    List<String> lines = new ArrayList<>();
    // the footer as written, not as wrapped to a width; picocli's only escapes in footers are these
    for (String entry : cl.getCommandSpec().usageMessage().footer()) {
      for (String line : entry.replace("$${", "${").replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
        boolean example = line.startsWith("  ") && !line.startsWith("   ");
        lines.add(example || !lines.isEmpty() && continues(lines) ? line : "");
      }
    }
    examplesOf(lines, "help: " + name, name, found);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, found));
  }

  private static boolean continues(List<String> lines) {
    return lines.get(lines.size() - 1).endsWith("\\");
  }

  /** The example lines of the README's {@code ```sh} blocks, each block named by its section. */
  static List<Example> readmeExamples(List<String> readme) {
    List<Example> found = new ArrayList<>();
    String section = "README";
    List<String> block = null;
    int blocks = 0;
    for (String line : readme) {
      if (block == null && line.startsWith("#")) {
        section = "README " + line.replaceFirst("^#+\\s*", "");
      } else if (block == null && line.equals("```sh")) {
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        examplesOf(block, section, "README block " + ++blocks, found);
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    return found;
  }

  private static void examplesOf(List<String> lines, String where, String block, List<Example> found) {
    StringBuilder joined = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.endsWith("\\") && commentStart(trimmed) < 0) {
        joined.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      joined.append(trimmed);
      String full = joined.toString();
      joined.setLength(0);
      int hash = commentStart(full);
      String command = (hash < 0 ? full : full.substring(0, hash)).strip();
      String comment = hash < 0 ? "" : full.substring(hash + 1).strip();
      if (RUNS_CDS.matcher(command).find()) {
        found.add(new Example(where, block, command.replaceAll("\\s+", " "), comment));
      }
    }
  }

  /** Where a trailing shell comment starts ({@code #} after a blank, outside quotes), or -1. */
  static int commentStart(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  // ---- running

  /** The working folder: examples/, an empty HOME, the cds shim; then the host JVM and the default service. */
  private static void prepare() throws Exception {
    copy(Path.of("examples"), work.resolve("examples"));
    Files.createDirectories(work.resolve("home-help"));
    Files.createDirectories(work.resolve("home-readme"));
    Files.createDirectories(work.resolve(".shim"));
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path shim = Files.writeString(bin.resolve("cds"), ExampleHost.SHIM);
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dsun.net.httpserver.nodelay=true",
        "-cp", System.getProperty("java.class.path"), ExampleHost.class.getName());
    pb.directory(work.toFile());
    pb.environment().remove("CDS_CONFIG");
    pb.environment().put("HOME", work.resolve("home-help").toString());
    try {
      host = ChildProcess.start(pb);
    } catch (IOException e) {
      throw new IllegalStateException("the cds host did not start: " + e.getMessage(), e);
    }
    String port = host.firstLine();
    hostPort = Integer.parseInt(port.trim());
    fixtures();
  }

  /** The files the examples name as the user's own, made by {@code examples-fixtures.sh} with cds. */
  private static void fixtures() throws Exception {
    Path script = work.resolve(".shim/fixtures.sh");
    try (var in = ExamplesTest.class.getResourceAsStream("/examples-fixtures.sh")) {
      Files.copy(in, script);
    }
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(environment(server(DEFAULT_SERVE, "home-help"), "home-help"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("examples-fixtures.sh failed:\n" + output);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static Map<String, String> environment(String baseUrl, String home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", work.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve(home).toString());
    env.put("LANG", "C.UTF-8");
    env.put("CDS_EXAMPLES_HOST", String.valueOf(hostPort));
    env.put("CDS_EXAMPLES_REQUESTS", work.resolve(".shim").toString());
    if (baseUrl != null) {
      env.put("CDS_BASE_URL", baseUrl);
    }
    return env;
  }

  /** The URL of {@code cds serve ARGS} on a free port, started once per distinct ARGS. */
  private static synchronized String server(String args, String home) throws Exception {
    String known = servers.get(args);
    if (known != null) {
      return known;
    }
    List<String> argv = new ArrayList<>(List.of("serve"));
    for (String a : args.strip().split("\\s+")) {
      if (!a.isEmpty()) {
        argv.add(a);
      }
    }
    int port = argv.indexOf("--port");
    if (port >= 0) {
      argv.set(port + 1, "0");
    } else {
      argv.addAll(List.of("--port", "0"));
    }
    argv.add("--quiet");
    Path req = Files.createTempDirectory(work.resolve(".shim"), "serve");
    Files.writeString(req.resolve("args"), String.join("\0", argv) + "\0");
    StringBuilder env = new StringBuilder();
    environment(null, home).forEach((k, v) -> env.append(k).append('=').append(v).append('\0'));
    Files.writeString(req.resolve("env"), env);
    Files.writeString(req.resolve("stdin"), "");
    String url;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
      s.getOutputStream().write(("serve " + req + "\n").getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      url = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
    if (url == null || !url.startsWith("http")) {
      throw new IllegalStateException("cds " + String.join(" ", argv) + " did not start: "
          + Files.readString(req.resolve("err")));
    }
    servers.put(args, url);
    return url;
  }

  /** The block's own background {@code cds serve}, else the default one. */
  private static final Map<String, String> blockServe = new HashMap<>();

  private static void run(Example e) throws Exception {
    Assumptions.assumeFalse(e.illustrative(), "illustrative: " + e.comment());
    Matcher serve = SERVE.matcher(e.command());
    if (serve.matches()) {
      server(serve.group(1), e.home());
      if (!serve.group(2).isEmpty()) {
        blockServe.put(e.block(), serve.group(1));
      }
      return;
    }
    for (String tool : List.of("jq", "curl")) {
      if (Pattern.compile("(^|[|(]\\s*)" + tool + "\\s").matcher(e.command()).find()) {
        Assumptions.assumeTrue(onPath(tool), tool + " is not installed");
      }
    }
    String base = server(blockServe.getOrDefault(e.block(), DEFAULT_SERVE), e.home());
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -o pipefail\n" + e.command());
    pb.directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment(base, e.home()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile(work.resolve(".shim"), "out", ".txt");
    Path err = Files.createTempFile(work.resolve(".shim"), "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 30 s: " + e.command() + "\n" + Files.readString(err));
    }
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    String shown = "$ " + e.command() + "\nexit " + p.exitValue() + "\n--- stdout\n" + abbreviate(stdout)
        + "--- stderr\n" + stderr;
    assertEquals(e.expectedExit(), p.exitValue(), shown);
    assertFalse(stderr.contains("\tat ") || stderr.contains("internal error") || stderr.contains("Exception in"),
        shown);
  }

  private static String abbreviate(String s) {
    return s.length() > 4000 ? s.substring(0, 4000) + "…\n" : s;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
