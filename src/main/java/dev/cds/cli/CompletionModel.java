package dev.cds.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What the shell completion scripts need to know of each command, read from picocli's model so
 * that the scripts follow the commands: subcommands, options and positionals, and for each value
 * what completes it. The kind of a value comes from its Java type and its parameter label
 * ({@code FILE|-}, {@code info|warning|critical}), which the help already shows the user.
 */
record CompletionModel(List<String> path, String description, List<CompletionModel> subcommands,
    List<Opt> options, List<Positional> positionals) {

  /** What completes a value. */
  enum Kind { FLAG, TEXT, FILE, DIR, VALUES, PROFILE, HOOK, SERVICE, TARGET, COMMAND }

  /** How a value is completed; {@code values} for {@link Kind#VALUES}. */
  record Value(Kind kind, List<String> values, String label) {}

  record Opt(List<String> names, Value value, String description, boolean repeatable, boolean hidden) {}

  /** Positions {@code from} to {@code to} (-1: any number), {@code optional} when arity allows none. */
  record Positional(int from, int to, boolean optional, Value value, String description) {}

  /** Words a shell may offer unquoted: anything else is left out rather than escaped. */
  static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~+@-]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("-|[A-Z][A-Z_]*|<.*>");
  private static final Pattern FILE_WORD = Pattern.compile("[A-Z_]*FILE|BUNDLE");

  static CompletionModel of(CommandLine root) {
    return of(root, List.of());
  }

  private static CompletionModel of(CommandLine cli, List<String> path) {
    CommandSpec spec = cli.getCommandSpec();
    List<CompletionModel> subs = new ArrayList<>();
    cli.getSubcommands().forEach((name, sub) -> {
      if (name.equals(sub.getCommandName()) && !sub.getCommandSpec().usageMessage().hidden()) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(name);
        subs.add(of(sub, List.copyOf(subPath)));
      }
    });
    List<Opt> options = spec.options().stream()
        .map(o -> new Opt(Arrays.asList(o.names()), value(spec, o), summary(o.description()),
            o.isMultiValue(), o.hidden()))
        .toList();
    List<Positional> positionals = spec.positionalParameters().stream()
        .map(p -> new Positional(p.index().min(), p.index().max() == Integer.MAX_VALUE ? -1 : p.index().max(),
            p.arity().min() == 0, value(spec, p), summary(p.description())))
        .toList();
    // picocli's help command has a one-line header; the commands of cds have descriptions
    String[] about = spec.usageMessage().header().length > 0 ? spec.usageMessage().header()
        : spec.usageMessage().description();
    return new CompletionModel(path, summary(about), List.copyOf(subs), options, positionals);
  }

  /**
   * The order matters: a hook or service id label wins over the hook names picocli offers as
   * candidates, and a label that lists literal values ({@code 2.0|crd|fhirpath}) wins over enum
   * constants ({@code V2|CRD|FHIRPATH|ALL}), since the label is what the help tells people to type.
   */
  private static Value value(CommandSpec command, ArgSpec arg) {
    String label = arg.paramLabel().replace("'", "");
    if (arg.arity().max() == 0) {
      return new Value(Kind.FLAG, List.of(), label);
    }
    List<String> parts = List.of(label.split("\\|"));
    String name = arg instanceof OptionSpec o ? o.longestName() : "";
    if (command.helpCommand() && arg.isPositional()) {
      return new Value(Kind.COMMAND, List.of(), label);
    }
    if (name.equals("--profile")) {
      return new Value(Kind.PROFILE, List.of(), label);
    }
    boolean hook = parts.contains("HOOK") || name.equals("--hook");
    if (parts.contains("SERVICE_ID") || name.equals("--service")) {
      return new Value(hook ? Kind.TARGET : Kind.SERVICE, List.of(), label);
    }
    if (hook) {
      return new Value(Kind.HOOK, List.of(), label);
    }
    if (parts.size() > 1 && parts.stream().noneMatch(p -> PLACEHOLDER.matcher(p).matches())) {
      return new Value(Kind.VALUES, safe(parts), label);
    }
    if (arg.completionCandidates() != null) {
      List<String> candidates = new ArrayList<>();
      arg.completionCandidates().forEach(candidates::add);
      return new Value(Kind.VALUES, safe(candidates), label);
    }
    boolean file = parts.stream().anyMatch(p -> FILE_WORD.matcher(p).matches());
    if (parts.contains("DIR") && !file) {
      return new Value(Kind.DIR, List.of(), label);
    }
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (file || Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type)) {
      return new Value(Kind.FILE, List.of(), label);
    }
    // a positional such as diff's A and B says in its description that it names a file
    if (arg.isPositional() && String.join(" ", arg.description()).toLowerCase(Locale.ROOT).matches(".*\\bfile\\b.*")) {
      return new Value(Kind.FILE, List.of(), label);
    }
    return new Value(Kind.TEXT, List.of(), label);
  }

  private static List<String> safe(List<String> words) {
    return words.stream().filter(w -> SAFE.matcher(w).matches()).toList();
  }

  /** The first sentence of a description, short enough for a completion menu. */
  static String summary(String[] lines) {
    String text = String.join(" ", lines).replace("%n", " ").replaceAll("\\s+", " ").strip();
    var end = Pattern.compile("\\.(\\s+[A-Z(]|$)").matcher(text);
    if (end.find()) {
      text = text.substring(0, end.start());
    }
    if (text.length() > 72) {
      int cut = text.lastIndexOf(' ', 69);
      text = text.substring(0, cut > 40 ? cut : 69) + "...";
    }
    return text;
  }

  /** The visible subcommand names. */
  List<String> names() {
    return subcommands.stream().map(CompletionModel::name).toList();
  }

  String name() {
    return path.isEmpty() ? "cds" : path.get(path.size() - 1);
  }

  /** Every command, this one first, depth first. */
  List<CompletionModel> all() {
    List<CompletionModel> all = new ArrayList<>(List.of(this));
    subcommands.forEach(s -> all.addAll(s.all()));
    return all;
  }
}
