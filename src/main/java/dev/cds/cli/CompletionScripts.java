package dev.cds.cli;

import dev.cds.cli.CompletionModel.Kind;
import dev.cds.cli.CompletionModel.Opt;
import dev.cds.cli.CompletionModel.Positional;
import dev.cds.cli.CompletionModel.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bash and zsh completion scripts, written from the {@link CompletionModel}. The fixed parts
 * (the walk over the words, the profile and discovery-cache readers) are shell templates under
 * {@code completion/}; this class fills in the commands. Profiles and cached service ids are read
 * by the script at each Tab with awk, never by starting the JVM.
 */
final class CompletionScripts {
  private static final Pattern OPTION_NAME = Pattern.compile("-[A-Za-z0-9][A-Za-z0-9-]*|--[A-Za-z0-9][A-Za-z0-9-]*");

  private final CompletionModel root;
  private final List<String> hooks;

  CompletionScripts(CompletionModel root, Iterable<String> hooks) {
    this.root = root;
    List<String> names = new ArrayList<>();
    hooks.forEach(names::add);
    this.hooks = names.stream().filter(h -> CompletionModel.SAFE.matcher(h).matches()).toList();
  }

  String bash() {
    StringBuilder commands = new StringBuilder();
    StringBuilder args = new StringBuilder();
    for (CompletionModel c : root.all()) {
      String path = "'" + String.join(" ", c.path()) + "')";
      List<String> visible = c.options().stream().filter(o -> !o.hidden()).flatMap(o -> o.names().stream()).toList();
      commands.append("    ").append(path).append(" subs='").append(String.join(" ", c.names())).append("'\n")
          .append("      opts='").append(wrap(visible, " ", "\n        ")).append("' ;;\n");
      // one arm per distinct completion, hidden aliases included: their values still complete;
      // positionals after the options, in order, so that @* comes after @0
      Map<String, List<String>> arms = new LinkedHashMap<>();
      c.options().forEach(o -> arms.computeIfAbsent(bashAction(o.value()), k -> new ArrayList<>()).addAll(checked(o.names())));
      args.append("    ").append(path).append("\n      case $2 in\n");
      arms.forEach((action, words) -> args.append("        ").append(wrap(words, "|", "|\\\n          "))
          .append(") ").append(action).append(" ;;\n"));
      c.positionals().forEach(p -> args.append("        ").append(String.join("|", indexes(p))).append(") ")
          .append(bashAction(p.value())).append(" ;;\n"));
      args.append("        *) return 1 ;;\n      esac ;;\n");
    }
    return template("cds.bash")
        .replace("@HOOKS@", String.join(" ", hooks))
        .replace("@COMMANDS@\n", commands.toString())
        .replace("@ARGS@\n", args.toString());
  }

  private static String bashAction(Value v) {
    String kind = "kind=" + v.kind().name().toLowerCase(Locale.ROOT);
    return v.kind() == Kind.VALUES ? kind + " vals='" + String.join(" ", v.values()) + "'" : kind;
  }

  /** Positionals as the walk names them: {@code @0}, {@code @1}, and {@code @*} for "and any after". */
  private static List<String> indexes(Positional p) {
    if (p.to() < 0) {
      return List.of("@*");
    }
    List<String> words = new ArrayList<>();
    for (int i = p.from(); i <= p.to(); i++) {
      words.add("@" + i);
    }
    return words;
  }

  String zsh() {
    StringBuilder out = new StringBuilder();
    for (CompletionModel c : root.all()) {
      List<String> specs = new ArrayList<>();
      c.options().forEach(o -> specs.addAll(zshSpecs(o)));
      if (c.subcommands().isEmpty()) {
        c.positionals().forEach(p -> specs.add(zshSpec(p)));
        out.append(function("_cds", c.path())).append("() {\n  _arguments -s -S \\\n    ")
            .append(String.join(" \\\n    ", specs)).append("\n}\n\n");
      } else {
        zshParent(c, specs, out);
      }
    }
    return template("_cds.zsh")
        .replace("@HOOKS@", String.join(" ", hooks))
        .replace("@FUNCTIONS@\n", out.toString());
  }

  /**
   * A command with subcommands: its options, then the subcommand, whose function completes the
   * rest of the line. {@code -A '-*'} stops the parent at the subcommand, so that an option after
   * it ({@code cds call --color never --fail-on}) is the subcommand's.
   */
  private static void zshParent(CompletionModel c, List<String> specs, StringBuilder out) {
    String list = function("_cds__commands", c.path());
    specs.add(quote(": :" + list));
    specs.add(quote("*:: :->command"));
    out.append(function("_cds", c.path())).append("() {\n  local curcontext=$curcontext state state_descr line ret=1\n")
        .append("  typeset -A opt_args\n  _arguments -C -s -S -A '-*' \\\n    ")
        .append(String.join(" \\\n    ", specs)).append(" && ret=0\n")
        .append("  if [[ $state == command ]]; then\n")
        .append("    curcontext=${curcontext%:*:*}:").append(String.join("-", prepend("cds", c.path())))
        .append("-$words[1]:\n    case $words[1] in\n");
    c.subcommands().forEach(s -> out.append("      ").append(s.name()).append(") ")
        .append(function("_cds", s.path())).append(" && ret=0 ;;\n"));
    out.append("    esac\n  fi\n  return ret\n}\n\n");
    out.append(list).append("() {\n  local -a commands=(\n");
    c.subcommands().forEach(s -> out.append("    ").append(quote(s.name() + ":" + s.description())).append("\n"));
    out.append("  )\n  _describe -t commands ")
        .append(quote(String.join(" ", prepend("cds", c.path())) + " command")).append(" commands\n}\n\n");
  }

  /**
   * One spec per name: {@code --name=} takes {@code --name value} and {@code --name=value}, {@code -o+}
   * takes {@code -o value} and {@code -ovalue}; names of one option exclude each other unless it
   * repeats; a hidden alias is understood but not offered ({@code !}).
   */
  private static List<String> zshSpecs(Opt o) {
    String exclude = o.repeatable() || o.names().size() < 2 ? "" : "(" + String.join(" ", o.names()) + ")";
    String prefix = o.hidden() ? "!" : o.repeatable() ? "*" : exclude;
    String description = o.hidden() ? "" : "[" + o.description().replace("[", "(").replace("]", ")").replace("\\", "") + "]";
    Value v = o.value();
    return checked(o.names()).stream().map(name -> {
      String form = v.kind() == Kind.FLAG ? name : name.startsWith("--") ? name + "=" : name + "+";
      return quote(prefix + form + description + (v.kind() == Kind.FLAG ? "" : ":" + zshAction(v)));
    }).toList();
  }

  private static String zshSpec(Positional p) {
    String position = p.to() < 0 ? "*" : String.valueOf(p.from() + 1);
    return quote(position + ":" + (p.optional() && p.to() >= 0 ? ":" : "") + zshAction(p.value()));
  }

  /** {@code message:action} of an option value or a positional. */
  private static String zshAction(Value v) {
    String message = v.label().replace("\\", "").replace(":", "\\:");
    String action = switch (v.kind()) {
      case FILE -> "_files";
      case DIR -> "_files -/";
      case VALUES -> "(" + String.join(" ", v.values()) + ")";
      case PROFILE -> "_cds__profiles";
      case HOOK -> "_cds__hooks";
      case SERVICE -> "_cds__services";
      case TARGET -> "_cds__targets";
      case COMMAND -> "_cds__commands";
      case FLAG, TEXT -> " ";
    };
    return message + ":" + action;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static String function(String prefix, List<String> path) {
    return path.stream().map(p -> "_" + p.replaceAll("[^A-Za-z0-9]", "_")).collect(Collectors.joining("", prefix, ""));
  }

  /** Option names go into shell case patterns and _arguments specs unquoted: they must be plain. */
  private static List<String> checked(List<String> names) {
    names.forEach(n -> {
      if (!OPTION_NAME.matcher(n).matches()) {
        throw new IllegalStateException("option name " + n + " needs quoting in a completion script");
      }
    });
    return names;
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Words joined by {@code separator}, in lines of about 100 characters joined by {@code newline}. */
  private static String wrap(List<String> words, String separator, String newline) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (String w : words) {
      if (column > 0) {
        boolean full = column + w.length() > 80;
        out.append(full ? newline : separator);
        column = full ? 0 : column;
      }
      out.append(w);
      column += w.length() + 1;
    }
    return out.toString();
  }

  private static String template(String name) {
    try (InputStream in = CompletionScripts.class.getResourceAsStream("completion/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("@PROFILES_AWK@", awk("profiles.awk")).replace("@DISCOVERY_AWK@", awk("discovery.awk"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An awk program goes between single quotes in both scripts. */
  private static String awk(String name) throws IOException {
    try (InputStream in = CompletionScripts.class.getResourceAsStream("completion/" + name)) {
      String program = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
      if (program.contains("'")) {
        throw new IllegalStateException(name + " must not hold a single quote");
      }
      return program;
    }
  }
}
