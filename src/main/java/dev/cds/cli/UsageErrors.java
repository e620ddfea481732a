package dev.cds.cli;

import dev.cds.hooks.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's parse errors ("Unmatched argument at index 2", "Missing required parameter") as one
 * line that says what to do: the problem, a did-you-mean when something close exists, and where
 * the help is.
 */
final class UsageErrors {
  private static final Pattern NOT_A = Pattern.compile("'.*' is not an? (\\w+)");
  private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][\\w-]*");
  private static final Pattern EXCLUSIVE = Pattern.compile("(?:Error: )?(.*) are mutually exclusive.*");

  private UsageErrors() {}

  static String describe(ParameterException ex) {
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    String help = spec.qualifiedName() + " --help";
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return unmatched(u, spec, help);
    }
    if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
      return missing(m, spec, help);
    }
    if (ex instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
      return option.longestName() + " given twice: give it once";
    }
    if (ex instanceof MutuallyExclusiveArgsException) {
      Matcher m = EXCLUSIVE.matcher(ex.getMessage());
      if (m.matches()) {
        return exclusive(m.group(1)) + " (" + help + ")";
      }
    }
    if (ex.getArgSpec() != null && ex.getValue() != null) {
      return invalid(ex, help);
    }
    return ex.getMessage() + " (" + help + ")";
  }

  /**
   * From picocli's {@code --a=A and [[--b=B] [--c=C]]}: {@code --a and --b/--c exclude each
   * other}, one entry per top-level member of the group.
   */
  private static String exclusive(String elements) {
    List<String> members = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (String token : elements.split("(?=[\\[\\], ])|(?<=[\\[\\], ])")) {
      depth += token.equals("[") ? 1 : token.equals("]") ? -1 : 0;
      if (depth == 0 && (token.equals(",") || token.equals("and"))) {
        members.add(current.toString());
        current.setLength(0);
      } else {
        current.append(token);
      }
    }
    members.add(current.toString());
    List<String> named = new ArrayList<>();
    for (String member : members) {
      List<String> names = OPTION_NAME.matcher(member).results().map(r -> r.group()).distinct().toList();
      if (!names.isEmpty()) {
        named.add(String.join("/", names));
      }
    }
    String list = String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    return list + " exclude each other: give " + (named.size() == 2 ? "one or the other" : "only one");
  }

  private static String unmatched(UnmatchedArgumentException u, CommandSpec spec, String help) {
    String arg = u.getUnmatched().get(0);
    if (u.isUnknownOption()) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      // a one-letter option is one keystroke from every other: only long names get suggestions
      List<String> near = !name.startsWith("--") ? List.of()
          : Suggestions.nearest(name, spec.optionsMap().keySet().stream().filter(n -> n.startsWith("--")).toList());
      return "unknown option '" + name + "'" + didYouMean(near) + " (" + help + " lists the options)";
    }
    if (spec.positionalParameters().isEmpty() && !spec.subcommands().isEmpty()) {
      List<String> names = new ArrayList<>(spec.subcommands().keySet());
      if (spec.parent() == null) {
        names = new ArrayList<>();
        Commands.names().forEach(names::add);
      }
      List<String> near = Suggestions.nearest(arg, names);
      String where = spec.parent() == null ? "" : " for " + spec.qualifiedName();
      return "unknown command '" + arg + "'" + where + didYouMean(near) + " (" + help + " lists them)";
    }
    return "unexpected argument '" + arg + "': the form is " + synopsis(spec)
        + " (quote a value that has spaces; " + help + ")";
  }

  private static String missing(MissingParameterException m, CommandSpec spec, String help) {
    ArgSpec first = m.getMissing().get(0);
    if (first instanceof OptionSpec option && m.getMessage().startsWith("Missing required parameter for")) {
      return option.longestName() + " needs a value: " + option.longestName() + " " + option.paramLabel()
          + " (" + help + ")";
    }
    List<String> names = m.getMissing().stream().map(UsageErrors::label).toList();
    String list = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    boolean positional = m.getMissing().stream().anyMatch(ArgSpec::isPositional);
    return "missing " + list + (positional ? ": the form is " + synopsis(spec) : "") + " (" + help + ")";
  }

  private static String invalid(ParameterException ex, String help) {
    ArgSpec arg = ex.getArgSpec();
    String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    String value = ex.getValue();
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (type.isEnum() && arg.converters().length == 0) {
      return (arg instanceof OptionSpec ? name + " " : "") + value + " is not one of " + choices(arg);
    }
    String reason = ex.getCause() instanceof TypeConversionException t ? t.getMessage()
        : ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage();
    Matcher notA = NOT_A.matcher(reason == null ? "" : reason);
    if (notA.matches()) {
      String kind = notA.group(1).toLowerCase(Locale.ROOT);
      reason = kind.equals("int") || kind.equals("long") || kind.equals("integer")
          ? "not a whole number" : "not a " + kind;
    }
    return name + " " + value + ": " + reason + " (" + help + ")";
  }

  /** The values a choice takes, as its label spells them ({@code info|warning|critical}), else its enum's. */
  private static String choices(ArgSpec arg) {
    List<String> values = new ArrayList<>();
    if (arg.completionCandidates() != null) {
      arg.completionCandidates().forEach(values::add);
    }
    String label = arg.paramLabel().replaceAll("[<>\\[\\]]", "");
    List<String> spelled = Arrays.asList(label.split("\\|"));
    if (spelled.size() == values.size()
        && spelled.stream().allMatch(s -> values.stream().anyMatch(v -> v.equalsIgnoreCase(s)))) {
      return String.join(", ", spelled);
    }
    return String.join(", ", values);
  }

  private static String label(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return option.longestName() + (option.typeInfo().isBoolean() ? "" : " " + option.paramLabel());
    }
    return arg.paramLabel();
  }

  /** {@code cds init [OPTIONS] HOOK}: the command, then its positional parameters. */
  static String synopsis(CommandSpec spec) {
    StringBuilder sb = new StringBuilder(spec.qualifiedName()).append(" [OPTIONS]");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      boolean optional = p.arity().min == 0;
      sb.append(' ').append(optional ? "[" : "").append(p.paramLabel()).append(optional ? "]" : "")
          .append(p.arity().max > 1 ? "…" : "");
    }
    if (spec.positionalParameters().isEmpty() && !spec.subcommands().isEmpty()) {
      sb.append(" COMMAND");
    }
    return sb.toString();
  }

  /** The closest name only: among options, the runners-up are mostly noise (--bse: --base, not --iss). */
  private static String didYouMean(List<String> near) {
    return near.isEmpty() ? "" : ": did you mean " + near.get(0) + "?";
  }
}
