package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookDefinition;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The GraalVM reachability metadata ({@code META-INF/native-image/dev.cds/cds}) covers what the
 * code reflects on and the resources it loads. No GraalVM here to build with: this checks the
 * metadata against the classes and resources instead, so that a new command, option type or
 * resource cannot be forgotten.
 */
class NativeMetadataTest {
  private static final String METADATA = "src/main/resources/META-INF/native-image/dev.cds/cds/";
  private static final Map<String, JsonNode> REFLECT = new HashMap<>();
  private static final List<Pattern> RESOURCES = new ArrayList<>();
  private static final List<Class<?>> CLASSES = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException, URISyntaxException, ClassNotFoundException {
    for (JsonNode e : Json.parse(Files.readString(Path.of(METADATA, "reflect-config.json")), "reflect-config")) {
      REFLECT.put(e.path("name").asText(), e);
    }
    JsonNode resources = Json.parse(Files.readString(Path.of(METADATA, "resource-config.json")), "resource-config");
    resources.path("resources").path("includes").forEach(p -> RESOURCES.add(Pattern.compile(p.path("pattern").asText())));
    // every class of cds, from where Main was loaded (target/classes, or the jar's directory)
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes.resolve("dev/cds"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        CLASSES.add(Class.forName(name, false, NativeMetadataTest.class.getClassLoader()));
      }
    }
    assertTrue(CLASSES.size() > 100, "cds classes: " + CLASSES.size());
  }

  /** Commands, mixins and arg groups: picocli reads their members and creates them. */
  @Test
  void everyClassPicocliReflectsOnIsListed() {
    Set<String> missing = new TreeSet<>();
    int commands = 0;
    for (Class<?> c : CLASSES) {
      boolean annotated = c.isAnnotationPresent(Command.class);
      for (Field f : c.getDeclaredFields()) {
        if (picocli(f)) {
          annotated = true;
          if (!listsField(c, f.getName())) {
            missing.add(c.getName() + " field " + f.getName());
          }
          referenced(f, f.getType(), f.getGenericType(), missing);
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (picocli(m)) {
          annotated = true;
          if (!listsMethod(c, m.getName())) {
            missing.add(c.getName() + " method " + m.getName());
          }
          for (int i = 0; i < m.getParameterCount(); i++) {
            referenced(m, m.getParameterTypes()[i], m.getGenericParameterTypes()[i], missing);
          }
        }
      }
      if (annotated) {
        commands += c.isAnnotationPresent(Command.class) ? 1 : 0;
        if (!flag(c.getName(), "allDeclaredConstructors")) {
          missing.add(c.getName() + " constructors");
        }
      }
      Command command = c.getAnnotation(Command.class);
      if (command != null) {
        created(command.versionProvider(), missing);
        created(command.defaultValueProvider(), missing);
        for (Class<?> sub : command.subcommands()) {
          created(sub, missing);
        }
      }
    }
    assertTrue(commands > 25, "@Command classes found: " + commands);
    assertEquals(Set.of(), missing, "add these to " + METADATA + "reflect-config.json");
  }

  /** What an annotated member brings along: its mixin or group class, converters, enums. */
  private static void referenced(AnnotatedElement member, Class<?> type, Type generic, Set<String> missing) {
    if (member.isAnnotationPresent(Mixin.class) || member.isAnnotationPresent(ArgGroup.class)) {
      created(type, missing);
    }
    Option option = member.getAnnotation(Option.class);
    Parameters parameters = member.getAnnotation(Parameters.class);
    if (option != null) {
      for (Class<?> c : option.converter()) {
        created(c, missing);
      }
      created(option.completionCandidates(), missing);
    }
    if (parameters != null) {
      for (Class<?> c : parameters.converter()) {
        created(c, missing);
      }
      created(parameters.completionCandidates(), missing);
    }
    if (option != null || parameters != null) {
      List<Class<?>> types = new ArrayList<>(List.of(type));
      if (generic instanceof ParameterizedType p) {
        for (Type t : p.getActualTypeArguments()) {
          if (t instanceof Class<?> c) {
            types.add(c);
          }
        }
      }
      for (Class<?> t : types) {
        // picocli converts an enum by its constants
        if (t.isEnum() && !(flag(t.getName(), "allDeclaredMethods") && flag(t.getName(), "allDeclaredFields"))) {
          missing.add(t.getName() + " (enum option type)");
        }
        // picocli's built-in Path converter calls Paths.get by reflection
        if (t == Path.class && !listsMethod("java.nio.file.Paths", "get")) {
          missing.add("java.nio.file.Paths get (Path option type)");
        }
      }
    }
  }

  /** A class picocli makes through its factory, unless it is one of picocli's "none" markers. */
  private static void created(Class<?> c, Set<String> missing) {
    if (c.getName().startsWith("picocli.") || c == Object.class) {
      return;
    }
    if (!flag(c.getName(), "allDeclaredConstructors")) {
      missing.add(c.getName() + " constructors");
    }
  }

  /** picocli's own classes that the paths keeping the reflective model read. */
  @Test
  void picocliOwnReflectionIsListed() {
    assertTrue(listsField(CommandLine.HelpCommand.class, "helpRequested"), "HelpCommand (cds --help's help subcommand)");
    assertTrue(flag("picocli.CommandLine$AutoHelpMixin", "allDeclaredFields"), "picocli's standard help mixin");
    assertTrue(listsMethod("dev.cds.cli.GeneratedCommandModels", "<init>"), "CommandModels.load creates it by name");
  }

  /** The classes of cds-ext.jar, which dev.cds.core.Extension creates by name (also in a native image). */
  @Test
  void everyClassTheExtensionCreatesIsListed() throws IOException {
    Pattern create = Pattern.compile("Extension\\.create\\(\"([\\w.$]+)\"");
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        create.matcher(Files.readString(f)).results().forEach(m -> created.add(m.group(1)));
      }
    }
    assertEquals(Set.of("dev.cds.serve.TlsIdentity", "dev.cds.validate.HapiR4Content"), created);
    for (String c : created) {
      assertTrue(listsMethod(c, "<init>"), c + ": add its no-argument constructor to " + METADATA + "reflect-config.json");
    }
  }

  /**
   * The records Jackson binds: Json.tree is the only way code binds objects (Json.java keeps the
   * mapper), and its callers are listed here with what they pass; a new caller fails until it is.
   */
  @Test
  void everyTypeJacksonBindsIsListed() throws IOException {
    Map<String, Class<?>> callers = Map.of(
        "HooksCommand.java", HookDefinition.class,
        // a Map of strings and lists (nimbus's JSON object): nothing to reflect on
        "Jwks.java", Map.class);
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (Files.readString(f).contains("Json.tree(")) {
          found.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(new TreeSet<>(callers.keySet()), found, "callers of Json.tree: name the type each binds here");
    Set<String> missing = new TreeSet<>();
    for (Class<?> root : callers.values()) {
      bound(root, missing, new TreeSet<>());
    }
    assertEquals(Set.of(), missing, "add these to " + METADATA + "reflect-config.json");
  }

  /** A record of cds and, through its components, every record or enum of cds it holds. */
  private static void bound(Class<?> c, Set<String> missing, Set<String> seen) {
    if (!c.getName().startsWith("dev.cds.") || !seen.add(c.getName())) {
      return;
    }
    if (!(flag(c.getName(), "allDeclaredFields") && flag(c.getName(), "allDeclaredMethods")
        && flag(c.getName(), "allDeclaredConstructors"))) {
      missing.add(c.getName());
    }
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        bound(rc.getType(), missing, seen);
        if (rc.getGenericType() instanceof ParameterizedType p) {
          for (Type t : p.getActualTypeArguments()) {
            if (t instanceof Class<?> arg) {
              bound(arg, missing, seen);
            }
          }
        }
      }
    }
  }

  /** Every file under src/main/resources that code loads, and the resources from elsewhere it loads. */
  @Test
  void everyResourceIsListed() throws IOException {
    Path root = Path.of("src/main/resources");
    List<String> paths = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("META-INF/native-image/")).forEach(paths::add);
    }
    assertTrue(paths.contains("dev/cds/cli/config-keys.txt"), "resources found: " + paths);
    // the example EHR data (packaged by the pom from examples/), commonmark's entity table
    paths.addAll(List.of("examples/fhir/ehr.json", "org/commonmark/internal/util/entities.txt"));
    for (String p : paths) {
      assertTrue(getClass().getClassLoader().getResource(p) != null, "not on the classpath: " + p);
    }
    List<String> unlisted = paths.stream().filter(p -> RESOURCES.stream().noneMatch(r -> r.matcher(p).matches())).toList();
    assertEquals(List.of(), unlisted, "add patterns for these to " + METADATA + "resource-config.json");
  }

  /** The check itself: an unlisted class and resource are seen. */
  @Test
  void theChecksSeeWhatIsMissing() {
    assertTrue(!flag("dev.cds.cli.Main", "allDeclaredFields"));
    assertTrue(RESOURCES.stream().noneMatch(r -> r.matcher("hooks/index.txt").matches()));
    assertTrue(RESOURCES.stream().anyMatch(r -> r.matcher("hooks/order-sign/2.0.json").matches()));
  }

  private static boolean picocli(AnnotatedElement e) {
    return e.isAnnotationPresent(Option.class) || e.isAnnotationPresent(Parameters.class)
        || e.isAnnotationPresent(Mixin.class) || e.isAnnotationPresent(ArgGroup.class)
        || e.isAnnotationPresent(Spec.class) || e.isAnnotationPresent(ParentCommand.class)
        || e.isAnnotationPresent(Unmatched.class);
  }

  private static boolean flag(String cls, String flag) {
    JsonNode e = REFLECT.get(cls);
    return e != null && e.path(flag).asBoolean(false);
  }

  private static boolean listsField(Class<?> c, String field) {
    JsonNode e = REFLECT.get(c.getName());
    if (e == null) {
      return false;
    }
    if (e.path("allDeclaredFields").asBoolean(false)) {
      return true;
    }
    for (JsonNode f : e.path("fields")) {
      if (f.path("name").asText().equals(field)) {
        return true;
      }
    }
    return false;
  }

  private static boolean listsMethod(Class<?> c, String method) {
    return listsMethod(c.getName(), method);
  }

  private static boolean listsMethod(String cls, String method) {
    JsonNode e = REFLECT.get(cls);
    if (e == null) {
      return false;
    }
    if (e.path("allDeclaredMethods").asBoolean(false) && !method.equals("<init>")) {
      return true;
    }
    for (JsonNode m : e.path("methods")) {
      if (m.path("name").asText().equals(method)) {
        return true;
      }
    }
    return false;
  }
}
