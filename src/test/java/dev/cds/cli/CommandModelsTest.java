package dev.cds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The model the build generates ({@code GeneratedCommandModels}) is picocli's reflective model of
 * the same annotations: same help text at a fixed width, same options and parameters with every
 * attribute picocli parses or prints by, same mixins, subcommands and injected specs; and the
 * same completion script. The reflective model is the oracle.
 */
class CommandModelsTest {
  private static final CommandModels GENERATED = CommandModels.load();
  private static final CommandModels REFLECTIVE = CommandModels.reflective();

  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    Commands.names().forEach(names::add);
    return names.stream();
  }

  @Test
  void theBuildGeneratedTheModels() {
    assertEquals(CommandModels.GENERATED, GENERATED.getClass().getName(),
        "run the build's process-classes phase (./mvnw process-classes): it writes the generated models");
  }

  /** Only the commands the generator cannot express (arg groups) keep picocli's reflection. */
  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandButArgGroupsIsBuiltWithoutReflection(String name) {
    CommandLine sub = Main.build(context(), name, new String[] {name}, GENERATED).getSubcommands().get(name);
    boolean argGroups = !sub.getCommandSpec().argGroups().isEmpty();
    for (CommandLine cl : tree(sub)) {
      for (ArgSpec arg : cl.getCommandSpec().args()) {
        String binding = arg.getter().getClass().getName();
        boolean standardHelp = arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp());
        if (arg.inherited() || standardHelp) {
          continue;
        }
        assertEquals(!argGroups, binding.startsWith(CommandModels.GENERATED), name + " " + arg + ": " + binding);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void theGeneratedModelOfEachCommandIsTheReflectiveOne(String name) {
    CommandLine generated = Main.build(context(), name, new String[] {name}, GENERATED);
    CommandLine reflective = Main.build(context(), name, new String[] {name}, REFLECTIVE);
    assertSame(generated, generated.getSubcommands().get(name).getParent());
    compare(reflective, generated);
  }

  @Test
  void theFullTreeAndItsCompletionScriptAreTheSame() {
    CommandLine generated = Main.build(context(), null, new String[0], GENERATED);
    CommandLine reflective = Main.build(context(), null, new String[0], REFLECTIVE);
    compare(reflective, generated);
    assertEquals(AutoComplete.bash("cds", reflective), AutoComplete.bash("cds", generated));
    List<String> hooks = List.of("patient-view", "order-sign");
    CompletionScripts expected = new CompletionScripts(CompletionModel.of(reflective), hooks);
    CompletionScripts actual = new CompletionScripts(CompletionModel.of(generated), hooks);
    assertEquals(expected.bash(), actual.bash());
    assertEquals(expected.zsh(), actual.zsh());
  }

  /** picocli's man page generator, which the build runs on the model, writes the same pages. */
  @Test
  void theManPagesAreTheSame(@TempDir Path dir) throws Exception {
    Path expected = Files.createDirectories(dir.resolve("reflective"));
    Path actual = Files.createDirectories(dir.resolve("generated"));
    assertEquals(0, ManPageGenerator.generateManPage(expected.toFile(), null, new boolean[0], true,
        Main.build(context(), null, new String[0], REFLECTIVE).getCommandSpec()));
    assertEquals(0, ManPageGenerator.generateManPage(actual.toFile(), null, new boolean[0], true,
        Main.build(context(), null, new String[0], GENERATED).getCommandSpec()));
    List<String> pages;
    try (Stream<Path> files = Files.list(expected)) {
      pages = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertTrue(pages.size() > 20, "man pages: " + pages);
    for (String page : pages) {
      assertEquals(Files.readString(expected.resolve(page)), Files.readString(actual.resolve(page)), page);
    }
  }

  /** Main turns off picocli's converters for java.sql and java.time types: no option may need one. */
  @Test
  void noOptionNeedsAConverterMainTurnsOff() {
    List<String> patterns = List.of(Main.UNUSED_CONVERTERS.split(","));
    for (CommandLine cl : tree(Main.build(context(), null, new String[0], REFLECTIVE))) {
      for (ArgSpec arg : cl.getCommandSpec().args()) {
        for (Class<?> type : arg.auxiliaryTypes()) {
          boolean excluded = patterns.stream().anyMatch(type.getName()::matches);
          assertTrue(!excluded || arg.converters().length > 0,
              cl.getCommandSpec().qualifiedName() + " " + arg + ": " + type.getName() + " needs its own converter");
        }
      }
    }
    assertTrue(patterns.stream().anyMatch("java.time.Duration"::matches), "the check sees the patterns");
  }

  @Test
  void injectedSpecsPointAtTheirCommands() throws Exception {
    CommandLine root = Main.build(context(), "keys", new String[] {"keys"}, GENERATED);
    CdsCommand cds = (CdsCommand) root.getCommandSpec().userObject();
    assertSame(root.getCommandSpec(), cds.spec);
    CommandSpec keys = root.getSubcommands().get("keys").getCommandSpec();
    assertSame(keys, ((KeysCommand) keys.userObject()).spec);
    // a mixin's MIXEE spec is the command that mixes it in
    CommandSpec call = Main.build(context(), "call", new String[] {"call"}, GENERATED)
        .getSubcommands().get("call").getCommandSpec();
    for (CommandSpec mixin : call.mixins().values()) {
      Object o = mixin.userObject();
      if (o instanceof GlobalOptions g) {
        assertSame(call, g.command);
      }
    }
  }

  private static void compare(CommandLine expected, CommandLine actual) {
    List<CommandLine> e = tree(expected);
    List<CommandLine> a = tree(actual);
    assertEquals(e.stream().map(CommandLine::getCommandName).toList(), a.stream().map(CommandLine::getCommandName).toList());
    for (int i = 0; i < e.size(); i++) {
      String where = e.get(i).getCommandSpec().qualifiedName();
      assertEquals(e.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF), a.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF), where);
      List<String> expectedLines = describe(e.get(i).getCommandSpec()).lines().toList();
      List<String> actualLines = describe(a.get(i).getCommandSpec()).lines().toList();
      for (int l = 0; l < Math.max(expectedLines.size(), actualLines.size()); l++) {
        assertEquals(l < expectedLines.size() ? expectedLines.get(l) : null,
            l < actualLines.size() ? actualLines.get(l) : null, where + ", line " + l);
      }
      injected(a.get(i).getCommandSpec(), where);
    }
  }

  /** Every {@code @Spec} field of the command and its mixins holds a spec once the model is built. */
  private static void injected(CommandSpec spec, String where) {
    List<Object> objects = new ArrayList<>();
    objects.add(spec.userObject());
    spec.mixins().values().forEach(m -> objects.add(m.userObject()));
    for (Object o : objects) {
      if (o == null || o instanceof CommandSpec) {
        continue;
      }
      for (Field f : o.getClass().getDeclaredFields()) {
        if (f.isAnnotationPresent(CommandLine.Spec.class)) {
          f.setAccessible(true);
          try {
            assertNotNull(f.get(o), where + ": @Spec " + f);
          } catch (IllegalAccessException ex) {
            throw new AssertionError(ex);
          }
        }
      }
    }
  }

  private static List<CommandLine> tree(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cl);
    cl.getSubcommands().values().forEach(sub -> out.addAll(tree(sub)));
    return out;
  }

  /** What the command's model says, attribute by attribute, in a comparable form. */
  private static String describe(CommandSpec spec) {
    StringBuilder b = new StringBuilder();
    b.append("name=").append(spec.name()).append(" aliases=").append(Arrays.toString(spec.aliases()))
        .append(" qualified=").append(spec.qualifiedName())
        .append(" userObject=").append(type(spec.userObject()))
        .append(" version=").append(Arrays.toString(spec.version()))
        .append(" versionProvider=").append(type(spec.versionProvider()))
        .append(" defaultValueProvider=").append(type(spec.defaultValueProvider()))
        .append(" helpStandard=").append(spec.mixinStandardHelpOptions())
        .append(" helpCommand=").append(spec.helpCommand())
        .append(" scope=").append(spec.scopeType())
        .append(" inherited=").append(spec.inherited())
        .append(" subcommands=").append(spec.subcommands().keySet())
        .append(" subcommandsRepeatable=").append(spec.subcommandsRepeatable())
        .append(" exitCodes=").append(spec.exitCodeOnSuccess()).append(spec.exitCodeOnUsageHelp())
        .append(spec.exitCodeOnVersionHelp()).append(spec.exitCodeOnInvalidInput()).append(spec.exitCodeOnExecutionException())
        .append(" interpolate=").append(spec.interpolateVariables())
        .append('\n');
    // picocli's standard help mixin has its own (package-private) class as user object; the
    // generated one none: HelpLayout treats both alike (no heading of their own)
    spec.mixins().forEach((name, mixin) -> b.append("mixin ").append(name).append(' ')
        .append(mixin.userObject() == null ? "AutoHelpMixin" : mixin.userObject().getClass().getSimpleName())
        .append(' ').append(mixin.options().stream().map(OptionSpec::longestName).toList()).append('\n'));
    b.append("usage ").append(properties(spec.usageMessage(), UsageMessageSpec.class)).append('\n');
    b.append("parser ").append(properties(spec.parser(), CommandLine.Model.ParserSpec.class)).append('\n');
    b.append("argGroups ").append(spec.argGroups().size()).append('\n');
    spec.options().forEach(o -> b.append(describe(o)).append('\n'));
    spec.positionalParameters().forEach(p -> b.append(describe(p)).append('\n'));
    b.append("optionsMap ").append(new TreeMap<>(spec.optionsMap()).keySet()).append('\n');
    b.append("requiredArgs ").append(spec.requiredArgs().stream().map(ArgSpec::toString).toList()).append('\n');
    return b.toString();
  }

  /**
   * Not compared: {@code userObject()}, the annotated field or method on the reflective side and
   * none on the generated one (nothing in cds reads it), and the bindings themselves, which the
   * values read through them stand for.
   */
  private static String describe(ArgSpec a) {
    StringBuilder b = new StringBuilder(a.isOption() ? "option " : "positional ");
    if (a instanceof OptionSpec o) {
      b.append(Arrays.toString(o.names())).append(" usageHelp=").append(o.usageHelp())
          .append(" versionHelp=").append(o.versionHelp()).append(" negatable=").append(o.negatable())
          .append(" fallback=").append(o.fallbackValue()).append(" order=").append(o.order());
    }
    if (a instanceof PositionalParamSpec p) {
      b.append(" index=").append(p.index()).append('/').append(p.index().isUnspecified());
    }
    b.append(" arity=").append(a.arity()).append('/').append(a.arity().isUnspecified())
        .append(" required=").append(a.required())
        .append(" label=").append(a.paramLabel()).append(" hideSyntax=").append(a.hideParamSyntax())
        .append(" description=").append(Arrays.toString(a.description()))
        .append(" descriptionKey=").append(a.descriptionKey())
        .append(" hidden=").append(a.hidden()).append(" inherited=").append(a.inherited())
        .append(" scope=").append(a.scopeType())
        .append(" type=").append(a.type().getName())
        .append(" aux=").append(Arrays.stream(a.auxiliaryTypes()).map(Class::getName).toList())
        .append(" typeInfo=").append(a.typeInfo().getClassName()).append(a.typeInfo().isBoolean())
        .append(a.typeInfo().isMultiValue()).append(a.typeInfo().isCollection()).append(a.typeInfo().isMap())
        .append(a.typeInfo().isArray()).append(a.typeInfo().isEnum()).append(a.typeInfo().isOptional())
        .append(a.typeInfo().getEnumConstantNames())
        .append(" converters=").append(Arrays.stream(a.converters()).map(CommandModelsTest::type).toList())
        .append(" split=").append(a.splitRegex()).append('/').append(a.splitRegexSynopsisLabel())
        .append(" default=").append(a.defaultValue())
        .append(" showDefault=").append(a.showDefaultValue())
        .append(" initial=").append(a.hasInitialValue()).append('/').append(a.initialValue())
        .append(" candidates=").append(a.completionCandidates() == null ? null : list(a.completionCandidates()))
        .append(" candidatesType=").append(a.completionCandidates() instanceof List ? "list" : type(a.completionCandidates()))
        .append(" interactive=").append(a.interactive()).append(a.echo()).append(a.prompt())
        .append(" consumer=").append(type(a.parameterConsumer()))
        .append(" preprocessor=").append(type(a.preprocessor()))
        .append(" mapFallback=").append(a.mapFallbackValue())
        .append(" value=").append((Object) a.getValue())
        .append(" toString=").append(a);
    return b.toString();
  }

  private static List<String> list(Iterable<String> values) {
    List<String> out = new ArrayList<>();
    values.forEach(out::add);
    return out;
  }

  /** Every getter of a spec class that takes no argument and returns a plain value. */
  private static String properties(Object spec, Class<?> cls) {
    Map<String, String> out = new TreeMap<>();
    Set<String> skip = Set.of("messages", "hashCode", "toString", "getClass", "sectionKeys", "sectionMap", "width", "helpFactory",
        "longOptionsMaxWidth", "colorScheme");
    for (Method m : cls.getMethods()) {
      if (m.getParameterCount() > 0 || m.getDeclaringClass() == Object.class || skip.contains(m.getName())
          || m.getReturnType() == void.class) {
        continue;
      }
      try {
        Object v = m.invoke(spec);
        out.put(m.getName(), v instanceof Object[] arr ? Arrays.toString(arr) : String.valueOf(v instanceof Map<?, ?> map ? new TreeMap<>(map) : v));
      } catch (ReflectiveOperationException | RuntimeException ex) {
        out.put(m.getName(), "! " + ex.getClass().getSimpleName());
      }
    }
    return out.toString();
  }

  private static String type(Object o) {
    return o == null ? "null" : o.getClass().getName().replaceAll("\\$\\$Lambda.*", "$$Lambda");
  }

  private static CliContext context() {
    return new CliContext(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()),
        java.io.InputStream.nullInputStream(), Map.of("COLUMNS", "100"), Clock.systemUTC(), false, false,
        Path.of("target", "test-config-absent"));
  }

  @Test
  void theFallBackIsTheReflectiveModelWhenTheGeneratedOneIsMissing() {
    assertFalse(CommandModels.reflective().getClass().getName().equals(CommandModels.GENERATED));
    assertTrue(CommandModels.reflective().root(new CdsCommand(), context(), new ContextFactory(context()))
        .optionsMap().containsKey("--output"));
  }
}
