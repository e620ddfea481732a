package dev.cds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A build step, never run by cds itself: writes {@code GeneratedCommandModels} (see
 * {@link CommandModels}) from picocli's reflective model of every command, and compiles it into
 * the classes directory. Run by the build in process-classes:
 * {@code java -cp CLASSPATH dev.cds.cli.ModelGenerator SOURCE_DIR CLASSES_DIR}.
 *
 * <p>Each annotated class gets one method that builds its {@link CommandSpec} in the order picocli
 * follows (command attributes, {@code subcommands}, then the fields as declared: mixins, options,
 * parameters, {@code @Spec}; standard help last), with the values picocli's reflective model has,
 * read from that model rather than re-derived from the annotations, so that inferred labels,
 * arities and types come out the same. Fields are read and written by one switch per class of
 * plain field accesses. A command this generator cannot express ({@code @ArgGroup},
 * {@code @ParentCommand}, {@code @Unmatched}, annotated methods) keeps the reflective model: its
 * case is left out, and {@link CommandModels#reflective()} builds it.
 */
final class ModelGenerator {
  private static final String CLASS = CommandModels.GENERATED.substring(CommandModels.GENERATED.lastIndexOf('.') + 1);

  /** A construct the generated code does not express. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private final CliContext ctx;
  private final ContextFactory factory;
  /** Spec-building methods by the class they build, in the order they were first needed. */
  private final Map<Class<?>, String> methods = new LinkedHashMap<>();
  /** Every bound field or setter method, by binding id. */
  private final List<Member> fields = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  private ModelGenerator() {
    StringWriter sink = new StringWriter();
    this.ctx = CliContext.system(new PrintWriter(sink), new PrintWriter(sink), Map.of(), "false", "false", false);
    this.factory = new ContextFactory(ctx);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ModelGenerator SOURCE_DIR CLASSES_DIR");
    }
    ModelGenerator generator = new ModelGenerator();
    String source = generator.generate();
    Path file = Path.of(args[0], CommandModels.GENERATED.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    compile(file, Path.of(args[1]));
    // quiet, as a -q build should be; the commands left to reflection are named in the source
  }

  private static void compile(Path file, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("no system Java compiler: the build needs a JDK");
    }
    String classpath = classes + java.io.File.pathSeparator + System.getProperty("java.class.path");
    int code = javac.run(null, null, null, "--release", "17", "-XDstringConcat=inline", "-nowarn",
        "-proc:none", "-encoding", "UTF-8", "-cp", classpath, "-d", classes.toString(), file.toString());
    if (code != 0) {
      throw new IOException("javac failed on " + file);
    }
  }

  String generate() throws Exception {
    StringBuilder cases = new StringBuilder();
    for (String name : Commands.names()) {
      Object command = Commands.create(name, ctx);
      try {
        String method = builder(command.getClass());
        cases.append("      case \"").append(name).append("\" -> ").append(method).append("((")
            .append(type(command.getClass())).append(") command, ctx, factory);\n");
      } catch (Unsupported e) {
        skipped.add(name + " (" + e.getMessage() + ")");
      }
    }
    String root = builder(CdsCommand.class);
    // the method bodies, generated after the cases since they add the methods they need
    StringBuilder bodies = new StringBuilder();
    for (Class<?> cls : new ArrayList<>(methods.keySet())) {
      bodies.append(body(cls));
    }
    StringBuilder out = new StringBuilder();
    out.append("package dev.cds.cli;\n\n")
        .append("import picocli.CommandLine;\n")
        .append("import picocli.CommandLine.IFactory;\n")
        .append("import picocli.CommandLine.Model.CommandSpec;\n")
        .append("import picocli.CommandLine.Model.OptionSpec;\n")
        .append("import picocli.CommandLine.Model.PositionalParamSpec;\n")
        .append("import picocli.CommandLine.Range;\n\n")
        .append("/**\n * Written by the build (ModelGenerator) from the command annotations: do not edit.\n")
        .append(skipped.isEmpty() ? "" : " * Left to picocli's reflection: " + String.join(", ", skipped) + ".\n")
        .append(" */\n")
        .append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"deprecation\"})\n")
        .append("final class ").append(CLASS).append(" implements CommandModels {\n")
        .append("  @Override\n")
        .append("  public CommandSpec root(CdsCommand cds, CliContext ctx, IFactory factory) {\n")
        .append("    return ").append(root).append("(cds, ctx, factory);\n")
        .append("  }\n\n")
        .append("  @Override\n")
        .append("  public CommandSpec command(String name, Object command, CliContext ctx, IFactory factory) {\n")
        .append("    return switch (name) {\n")
        .append(cases)
        .append("      default -> CommandModels.reflective().command(name, command, ctx, factory);\n")
        .append("    };\n")
        .append("  }\n\n")
        .append("  @Override\n")
        .append("  public void addStandardHelp(CommandSpec spec) {\n")
        .append("    standardHelp(spec);\n")
        .append("  }\n\n")
        .append(standardHelp())
        .append(LAZY_DEFAULT_FACTORY)
        .append(bodies)
        .append(binding())
        .append("}\n");
    return out.toString();
  }

  /** The name of the method that builds {@code cls}'s spec; registers it on first use. */
  private String builder(Class<?> cls) throws Unsupported {
    String existing = methods.get(cls);
    if (existing != null) {
      return existing;
    }
    check(cls);
    String name = "spec" + cls.getName().substring(cls.getName().lastIndexOf('.') + 1).replace('$', '_');
    methods.put(cls, name);
    try {
      // mixins and subcommands get their methods now, so that an unsupported one is found here
      for (Class<?> c : hierarchy(cls)) {
        Command command = c.getAnnotation(Command.class);
        if (command != null) {
          for (Class<?> sub : command.subcommands()) {
            builder(sub);
          }
        }
        for (Field f : c.getDeclaredFields()) {
          if (f.isAnnotationPresent(Mixin.class)) {
            builder(f.getType());
          }
        }
      }
    } catch (Unsupported e) {
      methods.remove(cls);
      throw e;
    }
    return name;
  }

  private static void check(Class<?> cls) throws Unsupported {
    for (Class<?> c : hierarchy(cls)) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(ArgGroup.class)) {
          throw new Unsupported("@ArgGroup " + f.getName());
        }
        if (f.isAnnotationPresent(ParentCommand.class) || f.isAnnotationPresent(Unmatched.class)) {
          throw new Unsupported("@ParentCommand/@Unmatched " + f.getName());
        }
        if (bound(f) && Modifier.isPrivate(f.getModifiers())) {
          throw new Unsupported("private field " + f.getName());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        boolean setter = (m.isAnnotationPresent(Option.class) || m.isAnnotationPresent(Parameters.class))
            && m.getParameterCount() == 1 && m.getReturnType() == void.class && !Modifier.isPrivate(m.getModifiers())
            && !Modifier.isStatic(m.getModifiers());
        if (picocli(m) && !setter) {
          throw new Unsupported("annotated method " + m.getName());
        }
      }
    }
    if (Modifier.isPrivate(cls.getModifiers())) {
      throw new Unsupported("private class " + cls.getName());
    }
  }

  private static boolean bound(Field f) {
    return f.isAnnotationPresent(Option.class) || f.isAnnotationPresent(Parameters.class)
        || f.isAnnotationPresent(Mixin.class) || f.isAnnotationPresent(Spec.class);
  }

  private static boolean picocli(AnnotatedElement e) {
    return e.isAnnotationPresent(Option.class) || e.isAnnotationPresent(Parameters.class)
        || e.isAnnotationPresent(Mixin.class) || e.isAnnotationPresent(Spec.class)
        || e.isAnnotationPresent(Command.class) || e.isAnnotationPresent(ArgGroup.class);
  }

  /** Superclass first, as picocli walks it. */
  private static List<Class<?>> hierarchy(Class<?> cls) {
    Deque<Class<?>> out = new ArrayDeque<>();
    for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
      out.push(c);
    }
    return new ArrayList<>(out);
  }

  /** The method that builds {@code cls}'s spec, from picocli's reflective model of an instance. */
  private String body(Class<?> cls) throws Exception {
    Object instance = factory.create(cls);
    CommandSpec model = CommandSpec.forAnnotatedObject(instance, factory);
    String t = type(cls);
    StringBuilder b = new StringBuilder();
    b.append("  static CommandSpec ").append(methods.get(cls)).append("(").append(t)
        .append(" o, CliContext ctx, IFactory factory) {\n")
        .append("    CommandSpec spec = CommandSpec.wrapWithoutInspection(o, factory);\n");
    commandAttributes(b, model);
    for (Class<?> c : hierarchy(cls)) {
      Command command = c.getAnnotation(Command.class);
      if (command != null) {
        for (Class<?> sub : command.subcommands()) {
          String name = sub.getAnnotation(Command.class).name();
          b.append("    spec.addSubcommand(").append(str(name)).append(", new CommandLine(")
              .append(methods.get(sub)).append("(").append(create(sub)).append(", ctx, factory), factory));\n");
        }
      }
      for (Field f : c.getDeclaredFields()) {
        member(b, model, f);
      }
      // then the setter methods, as picocli does
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Option.class)) {
          option(b, (OptionSpec) arg(model, m), m);
        } else if (m.isAnnotationPresent(Parameters.class)) {
          positional(b, (PositionalParamSpec) arg(model, m), m);
        }
      }
    }
    if (model.mixinStandardHelpOptions()) {
      b.append("    standardHelp(spec);\n");
    }
    b.append("    return spec;\n  }\n\n");
    return b.toString();
  }

  private void commandAttributes(StringBuilder b, CommandSpec model) throws Exception {
    CommandSpec plain = CommandSpec.create();
    if (!model.name().equals(plain.name())) {
      b.append("    spec.name(").append(str(model.name())).append(");\n");
    }
    if (model.aliases().length > 0) {
      b.append("    spec.aliases(").append(strs(model.aliases())).append(");\n");
    }
    if (model.versionProvider() != null) {
      b.append("    spec.versionProvider(").append(create(model.versionProvider().getClass())).append(");\n");
    }
    if (model.version().length > 0) {
      b.append("    spec.version(").append(strs(model.version())).append(");\n");
    }
    if (model.helpCommand()) {
      b.append("    spec.helpCommand(true);\n");
    }
    if (model.defaultValueProvider() != null) {
      b.append("    spec.defaultValueProvider(").append(create(model.defaultValueProvider().getClass())).append(");\n");
    }
    if (model.scopeType() != plain.scopeType()) {
      b.append("    spec.scopeType(CommandLine.ScopeType.").append(model.scopeType()).append(");\n");
    }
    // every usage attribute picocli's @Command sets, where it differs from a plain spec
    UsageMessageSpec usage = model.usageMessage();
    UsageMessageSpec none = plain.usageMessage();
    for (String attribute : List.of("headerHeading", "header", "synopsisHeading", "abbreviateSynopsis",
        "customSynopsis", "synopsisSubcommandLabel", "descriptionHeading", "description",
        "parameterListHeading", "optionListHeading", "sortOptions", "sortSynopsis", "requiredOptionMarker",
        "showDefaultValues", "showAtFileInUsageHelp", "showEndOfOptionsDelimiterInUsageHelp", "hidden",
        "commandListHeading", "footerHeading", "footer", "exitCodeListHeading", "adjustLineBreaksForWideCJKCharacters")) {
      Object value = raw(usage, attribute);
      if (!Objects.deepEquals(value, raw(none, attribute))) {
        b.append("    spec.usageMessage().").append(attribute).append("(").append(literal(value)).append(");\n");
      }
    }
    if (!usage.exitCodeList().equals(none.exitCodeList())) {
      throw new Unsupported("exitCodeList on @Command");
    }
  }

  /**
   * A usage attribute as declared, before picocli interpolates it ({@code $$} stays an escaped
   * dollar), or the getter's value when there is no such field.
   */
  private static Object raw(UsageMessageSpec usage, String attribute) throws ReflectiveOperationException {
    try {
      Field f = UsageMessageSpec.class.getDeclaredField(attribute);
      f.setAccessible(true);
      Object value = f.get(usage);
      return value == null ? UsageMessageSpec.class.getMethod(attribute).invoke(usage) : value;
    } catch (NoSuchFieldException e) {
      return UsageMessageSpec.class.getMethod(attribute).invoke(usage);
    }
  }

  /** One field, as picocli's initFromAnnotatedTypedMembers treats it. */
  private void member(StringBuilder b, CommandSpec model, Field f) throws Exception {
    if (f.isAnnotationPresent(Mixin.class)) {
      String name = f.getAnnotation(Mixin.class).name().isEmpty() ? f.getName() : f.getAnnotation(Mixin.class).name();
      String t = type(f.getType());
      b.append("    {\n")
          .append("      ").append(t).append(" m = o.").append(f.getName()).append(";\n")
          .append("      if (m == null) {\n")
          .append("        m = ").append(create(f.getType())).append(";\n")
          .append("        o.").append(f.getName()).append(" = m;\n")
          .append("      }\n")
          .append("      spec.addMixin(").append(str(name)).append(", ").append(methods.get(f.getType()))
          .append("(m, ctx, factory));\n");
      for (Class<?> c : hierarchy(f.getType())) {
        for (Field s : c.getDeclaredFields()) {
          if (s.isAnnotationPresent(Spec.class) && s.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
            b.append("      m.").append(s.getName()).append(" = spec;\n");
          }
        }
      }
      b.append("    }\n");
    }
    if (f.isAnnotationPresent(Option.class)) {
      option(b, (OptionSpec) arg(model, f), f);
    }
    if (f.isAnnotationPresent(Parameters.class)) {
      positional(b, (PositionalParamSpec) arg(model, f), f);
    }
    if (f.isAnnotationPresent(Spec.class) && f.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
      b.append("    o.").append(f.getName()).append(" = spec;\n");
    }
  }

  private static ArgSpec arg(CommandSpec model, Member f) throws Unsupported {
    for (ArgSpec a : model.args()) {
      if (f.equals(a.userObject())) {
        return a;
      }
    }
    throw new Unsupported("no model of field " + f);
  }

  private void option(StringBuilder b, OptionSpec o, Member f) throws Exception {
    OptionSpec.Builder ob = o.toBuilder();
    Option a = ((AnnotatedElement) f).getAnnotation(Option.class);
    b.append("    {\n      FieldAccess a = new FieldAccess(o, ").append(bind(f)).append(");\n")
        .append("      spec.addOption(OptionSpec.builder(").append(strs(ob.names())).append(")\n");
    common(b, o, new Raw(ob.description(), ob.paramLabel(), ob.defaultValue(), ob.splitRegex(),
        ob.splitRegexSynopsisLabel(), ob.prompt(), ob.mapFallbackValue()), f, a.converter(), a.completionCandidates(), a.parameterConsumer(), a.preprocessor());
    b.append("        .usageHelp(").append(ob.usageHelp()).append(").versionHelp(").append(ob.versionHelp())
        .append(").help(").append(ob.help()).append(").negatable(").append(ob.negatable())
        .append(").order(").append(ob.order()).append(")\n");
    b.append("        .fallbackValue(").append(str(ob.fallbackValue())).append(")\n");
    b.append("        .build());\n    }\n");
  }

  private void positional(StringBuilder b, PositionalParamSpec p, Member f) throws Exception {
    PositionalParamSpec.Builder pb = p.toBuilder();
    Parameters a = ((AnnotatedElement) f).getAnnotation(Parameters.class);
    if (f instanceof Method) {
      throw new Unsupported("@Parameters on method " + f.getName());
    }
    b.append("    {\n      FieldAccess a = new FieldAccess(o, ").append(bind(f)).append(");\n")
        .append("      spec.addPositional(PositionalParamSpec.builder()\n")
        .append("        .index(").append(range(Range.parameterIndex((Field) f))).append(")\n");
    common(b, p, new Raw(pb.description(), pb.paramLabel(), pb.defaultValue(), pb.splitRegex(),
        pb.splitRegexSynopsisLabel(), pb.prompt(), pb.mapFallbackValue()), f, a.converter(), a.completionCandidates(), a.parameterConsumer(), a.preprocessor());
    b.append("        .build());\n    }\n");
  }

  /** The strings of an option or parameter as declared, before picocli interpolates variables. */
  private record Raw(String[] description, String paramLabel, String defaultValue, String splitRegex,
      String splitRegexSynopsisLabel, String prompt, String mapFallbackValue) {}

  /** The attributes options and positional parameters share. */
  private void common(StringBuilder b, ArgSpec a, Raw raw, Member f, Class<?>[] converters,
      Class<?> candidates, Class<?> consumer, Class<?> preprocessor) throws Unsupported {
    // picocli's Builder.mapFallbackValue returns a type outside its API: only the default is expressed
    if (!"__unspecified__".equals(raw.mapFallbackValue())) {
      throw new Unsupported("mapFallbackValue on " + f.getName());
    }
    b.append("        .arity(").append(range(a.arity())).append(").required(").append(a.required()).append(")\n")
        .append("        .interactive(").append(a.interactive()).append(").echo(").append(a.echo())
        .append(").prompt(").append(str(raw.prompt())).append(")\n")
        .append("        .description(").append(strs(raw.description())).append(")\n")
        .append("        .descriptionKey(").append(str(a.descriptionKey())).append(")\n")
        .append("        .paramLabel(").append(str(raw.paramLabel())).append(").hideParamSyntax(")
        .append(a.hideParamSyntax()).append(").hidden(").append(a.hidden()).append(")\n")
        .append("        .type(").append(classLiteral(a.type())).append(")")
        .append(".auxiliaryTypes(").append(classes(a.auxiliaryTypes())).append(")\n")
        .append("        .splitRegex(").append(str(raw.splitRegex())).append(").splitRegexSynopsisLabel(")
        .append(str(raw.splitRegexSynopsisLabel())).append(")\n")
        .append("        .defaultValue(").append(str(raw.defaultValue())).append(")\n")
        .append("        .showDefaultValue(CommandLine.Help.Visibility.").append(a.showDefaultValue()).append(")\n")
        .append("        .scopeType(CommandLine.ScopeType.").append(a.scopeType()).append(")\n");
    if (converters.length > 0) {
      b.append("        .converters(new CommandLine.ITypeConverter<?>[] {");
      for (int i = 0; i < converters.length; i++) {
        b.append(i > 0 ? ", " : "").append(create(converters[i]));
      }
      b.append("})\n");
    }
    if (!candidates.getName().equals("picocli.CommandLine$NoCompletionCandidates")) {
      b.append("        .completionCandidates(").append(create(candidates)).append(")\n");
    }
    if (!consumer.getName().equals("picocli.CommandLine$NullParameterConsumer")) {
      b.append("        .parameterConsumer(").append(create(consumer)).append(")\n");
    }
    if (!preprocessor.getName().equals("picocli.CommandLine$NoOpParameterPreprocessor")) {
      b.append("        .preprocessor(").append(create(preprocessor)).append(")\n");
    }
    // one object both reads and writes, as picocli's own bindings do
    b.append("        .getter(a).setter(a).withToString(").append(str(a.toString())).append(")\n");
    if (f instanceof Field) {
      b.append("        .initialValue(o.").append(f.getName()).append(")\n");
    } else {
      // a setter method has no value to go back to before parsing
      b.append("        .hasInitialValue(false)\n");
    }
  }

  /** The binding id of a field or setter method. */
  private int bind(Member m) {
    fields.add(m);
    return fields.size() - 1;
  }

  /**
   * The factory of the standard help mixin: picocli's default factory, made only if something asks.
   * {@code CommandSpec.create()} makes it at once, and its class's static set-up looks for Groovy's
   * Closure class: a class-path miss, which opens cds.jar and reads its index on every run.
   */
  private static final String LAZY_DEFAULT_FACTORY = """
        /** Picocli's default factory, made on first use (the standard help mixin never uses it). */
        static final class LazyDefaultFactory implements IFactory {
          static final LazyDefaultFactory INSTANCE = new LazyDefaultFactory();

          @Override
          public <K> K create(Class<K> cls) throws Exception {
            return CommandLine.defaultFactory().create(cls);
          }
        }

      """;

  /** Picocli's standard help mixin (-h/--help, -V/--version), as its mixinStandardHelpOptions adds it. */
  private static String standardHelp() throws Exception {
    CommandSpec model = CommandSpec.create().mixinStandardHelpOptions(true);
    CommandSpec mixin = model.mixins().get("mixinStandardHelpOptions");
    StringBuilder b = new StringBuilder();
    b.append("  /** The standard help options, built as picocli's own mixin would be, without its reflection. */\n")
        .append("  static void standardHelp(CommandSpec spec) {\n")
        .append("    CommandSpec mixin = CommandSpec.wrapWithoutInspection(null, LazyDefaultFactory.INSTANCE);\n")
        .append("    FieldAccess flag;\n");
    for (OptionSpec o : mixin.options()) {
      OptionSpec.Builder ob = o.toBuilder();
      b.append("    flag = new FieldAccess(false);\n");
      b.append("    mixin.addOption(OptionSpec.builder(").append(strs(ob.names())).append(")\n")
          .append("        .arity(").append(range(ob.arity())).append(")\n")
          .append("        .description(").append(strs(ob.description())).append(")\n")
          .append("        .descriptionKey(").append(str(ob.descriptionKey())).append(")\n")
          .append("        .paramLabel(").append(str(ob.paramLabel())).append(")\n")
          .append("        .type(").append(classLiteral(ob.type())).append(")")
          .append(".auxiliaryTypes(").append(classes(ob.auxiliaryTypes())).append(")\n")
          .append("        .defaultValue(").append(str(ob.defaultValue())).append(")\n")
          .append("        .usageHelp(").append(ob.usageHelp()).append(").versionHelp(").append(ob.versionHelp())
          .append(")\n")
          .append("        .fallbackValue(").append(str(ob.fallbackValue())).append(")\n")
          .append("        .prompt(").append(str(o.toBuilder().prompt())).append(")\n")
          .append("        .splitRegex(").append(str(ob.splitRegex())).append(").splitRegexSynopsisLabel(")
          .append(str(ob.splitRegexSynopsisLabel())).append(")\n")
          .append("        .getter(flag).setter(flag).initialValue(false).withToString(").append(str(o.toString()))
          .append(")\n")
          .append("        .build());\n");
    }
    b.append("    for (String name : mixin.optionsMap().keySet()) {\n")
        .append("      if (spec.optionsMap().containsKey(name)) {\n")
        .append("        return;\n")
        .append("      }\n")
        .append("    }\n")
        .append("    spec.addMixin(\"mixinStandardHelpOptions\", mixin);\n")
        .append("  }\n\n");
    return b.toString();
  }

  /** Reads and writes the bound fields: one switch, no reflection. */
  private String binding() {
    StringBuilder get = new StringBuilder("        case -1 -> last;\n");
    StringBuilder set = new StringBuilder("        case -1 -> { }\n");
    for (int i = 0; i < fields.size(); i++) {
      String target = "((" + type(fields.get(i).getDeclaringClass()) + ") target)." + fields.get(i).getName();
      if (fields.get(i) instanceof Field f) {
        get.append("        case ").append(i).append(" -> ").append(target).append(";\n");
        set.append("        case ").append(i).append(" -> ").append(target).append(" = (")
            .append(boxed(f.getType())).append(") value;\n");
      } else {
        Method m = (Method) fields.get(i);
        get.append("        case ").append(i).append(" -> last;\n");
        set.append("        case ").append(i).append(" -> ").append(target).append("((")
            .append(boxed(m.getParameterTypes()[0])).append(") value);\n");
      }
    }
    return "  /** A field of a command or mixin, by number (the generator's order). */\n"
        + "  static final class FieldAccess implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {\n"
        + "    private final Object target;\n"
        + "    private final int id;\n"
        + "    /** The value a setter method was last called with, which is what picocli reads back. */\n"
        + "    private Object last;\n\n"
        + "    FieldAccess(Object target, int id) {\n"
        + "      this.target = target;\n"
        + "      this.id = id;\n"
        + "    }\n\n"
        + "    /** A value of its own, for the standard help options, which have no field here. */\n"
        + "    FieldAccess(Object initial) {\n"
        + "      this(null, -1);\n"
        + "      this.last = initial;\n"
        + "    }\n\n"
        + "    @Override\n"
        + "    public <T> T get() {\n"
        + "      Object value = switch (id) {\n"
        + get
        + "        default -> throw new IllegalStateException(\"no field \" + id);\n"
        + "      };\n"
        + "      return (T) value;\n"
        + "    }\n\n"
        + "    @Override\n"
        + "    public <T> T set(T value) {\n"
        + "      T old = get();\n"
        + "      switch (id) {\n"
        + set
        + "        default -> throw new IllegalStateException(\"no field \" + id);\n"
        + "      }\n"
        + "      last = value;\n"
        + "      return old;\n"
        + "    }\n"
        + "  }\n";
  }

  /** How picocli's factory (here {@link ContextFactory}) makes an instance, as plain code. */
  private static String create(Class<?> cls) {
    for (Constructor<?> c : cls.getDeclaredConstructors()) {
      if (!Modifier.isPrivate(c.getModifiers()) && c.getParameterCount() == 1
          && c.getParameterTypes()[0] == CliContext.class && cls.getPackageName().equals("dev.cds.cli")) {
        return "new " + type(cls) + "(ctx)";
      }
    }
    if (cls.getDeclaredConstructors().length > 0) {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 0 && accessible(cls, c.getModifiers())) {
          return "new " + type(cls) + "()";
        }
      }
    }
    return "factory.create(" + type(cls) + ".class)";
  }

  private static boolean accessible(Class<?> cls, int modifiers) {
    boolean samePackage = cls.getPackageName().equals("dev.cds.cli");
    boolean classVisible = Modifier.isPublic(cls.getModifiers()) || (samePackage && !Modifier.isPrivate(cls.getModifiers()));
    return classVisible && (Modifier.isPublic(modifiers) || (samePackage && !Modifier.isPrivate(modifiers)));
  }

  private static String type(Class<?> cls) {
    return cls.getCanonicalName();
  }

  private static String boxed(Class<?> cls) {
    if (!cls.isPrimitive()) {
      return type(cls);
    }
    return switch (cls.getName()) {
      case "boolean" -> "Boolean";
      case "int" -> "Integer";
      case "long" -> "Long";
      case "double" -> "Double";
      case "float" -> "Float";
      case "short" -> "Short";
      case "byte" -> "Byte";
      case "char" -> "Character";
      default -> throw new IllegalArgumentException(cls.getName());
    };
  }

  private static String classLiteral(Class<?> cls) {
    return cls == null ? "null" : type(cls) + ".class";
  }

  private static String classes(Class<?>[] classes) {
    if (classes == null) {
      return "(Class<?>[]) null";
    }
    StringBuilder b = new StringBuilder("new Class<?>[] {");
    for (int i = 0; i < classes.length; i++) {
      b.append(i > 0 ? ", " : "").append(classLiteral(classes[i]));
    }
    return b.append("}").toString();
  }

  private static String range(Range r) {
    return "new Range(" + r.min() + ", " + r.max() + ", " + r.isVariable() + ", " + r.isUnspecified() + ", "
        + str(r.originalValue()) + ")";
  }

  private static String literal(Object value) {
    if (value instanceof String s) {
      return str(s);
    }
    if (value instanceof String[] a) {
      return strs(a);
    }
    if (value instanceof Boolean || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof Character c) {
      return "'" + (c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c)) + "'";
    }
    throw new IllegalArgumentException("no literal for " + value);
  }

  private static String strs(String[] values) {
    if (values == null) {
      return "(String[]) null";
    }
    StringBuilder b = new StringBuilder("new String[] {");
    for (int i = 0; i < values.length; i++) {
      b.append(i > 0 ? ", " : "").append(str(values[i]));
    }
    return b.append("}").toString();
  }

  /** A Java string literal; everything outside printable ASCII as a unicode escape. */
  static String str(String s) {
    if (s == null) {
      return "(String) null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
