package dev.cds.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How help looks: options under headings by what they are about (the mixin that declares them,
 * with a few options moved by name), a short usage line, the terminal's width ({@code COLUMNS},
 * 60 to 120) and no line ever broken inside a word. Global options and the exit-code table are
 * printed in full by {@code cds --help} only; each command points there in one line.
 */
final class HelpLayout {
  static final int MIN_WIDTH = 60;
  static final int MAX_WIDTH = 120;
  private static final int DEFAULT_WIDTH = 80;
  /** Where descriptions start; a longer option name puts its description on the next line. */
  private static final int DESCRIPTION_COLUMN = 30;
  /** Non-breaking spaces keep "cds --help" on one line. */
  private static final String POINTER =
      "Global options (--output, --color, -v, --profile, --stacktrace), exit codes, config"
          + " file and environment: cds\u00a0--help";

  /** Heading per declaring mixin; options of the command itself go under the command's first heading. */
  private static final Map<String, String> MIXIN_HEADINGS = Map.ofEntries(
      Map.entry("ServerOptions", "Request"),
      Map.entry("PrefetchOptions", "Prefetch"),
      Map.entry("PrefetchSourceOptions", "Prefetch"),
      Map.entry("FhirOptions", "FHIR authorization"),
      Map.entry("AuthOptions", "CDS JWT"),
      Map.entry("CardCheckOptions", "Checks"),
      Map.entry("ValidationOptions", "Checks"),
      Map.entry("SpecOption", "Checks"),
      Map.entry("WidthOption", "Output"),
      Map.entry("LoadOptions", "Load"));
  /** Options that belong with another heading than their mixin's. */
  private static final Map<String, String> OPTION_HEADINGS = Map.of(
      "--smart-token-url", "SMART",
      "--smart-discovery", "SMART",
      "--client-id", "SMART",
      "--scope", "SMART",
      "--interactive", "Output",
      "--width", "Output");
  private static final List<String> ORDER = List.of("Options", "Request", "Prefetch", "FHIR authorization",
      "CDS JWT", "SMART", "Checks", "Output", "Load");
  private static final Set<String> STANDARD = Set.of("--help", "--version");

  /** The config file and the environment, for cds --help and the man pages. */
  static final List<String> FILES = List.of(
      "$CDS_CONFIG, else $XDG_CONFIG_HOME/cds/config, else $HOME/.config/cds/config: profiles of"
          + " option defaults. A [NAME] line starts a profile ([default] applies without --profile);"
          + " key = value lines set an option by its long name without dashes (base, key, iss,"
          + " fhir-server ...); # starts a comment; ~/ in a value is $HOME. cds config view shows"
          + " the effective settings.",
      "$XDG_CACHE_HOME/cds/discovery, else $HOME/.cache/cds/discovery: discovery documents,"
          + " kept --discovery-ttl (10m).",
      "-o/--out FILE: - is stdout. A file is written atomically, whole or not at all (a temporary"
          + " file beside it, then a rename); a device or a FIFO (/dev/stderr, a named pipe) is"
          + " written in place; a missing folder is exit 3. cds keys -o DIR creates the folder"
          + " (owner only) and writes its files into it the same way.");
  static final List<String> ENVIRONMENT = List.of(
      "CDS_BASE_URL=--base, CDS_FHIR_SERVER=--fhir-server (a flag beats both, both beat the profile)",
      "CDS_PROFILE=--profile, CDS_CONFIG=the config file (missing: exit 3)",
      "CDS_CERT_PASSWORD: the password of a PKCS#12 --cert",
      "HTTPS_PROXY, HTTP_PROXY, NO_PROXY: the proxy when --proxy is not given",
      "NO_COLOR, FORCE_COLOR, TERM=dumb: colours; COLUMNS: the width of help and tables",
      "HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME: where the config and the cache are");

  private final int width;

  HelpLayout(Map<String, String> env) {
    this.width = width(env.get("COLUMNS"));
  }

  static int width(String columns) {
    try {
      int n = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
      return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, n));
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** Applies the layout to {@code cli} and every subcommand below it. */
  void apply(CommandLine cli) {
    boolean root = cli.getCommandSpec().parent() == null;
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.width(width).abbreviateSynopsis(true).autoWidth(false);
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    for (String key : root ? ROOT_SECTIONS : COMMAND_SECTIONS) {
      sections.put(key, new Section(key, root));
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      apply(sub);
    }
  }

  private static final List<String> SHARED_SECTIONS = List.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
      UsageMessageSpec.SECTION_KEY_OPTION_LIST, UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
      UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_FOOTER);
  private static final List<String> ROOT_SECTIONS = concat(SHARED_SECTIONS,
      UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
  private static final List<String> COMMAND_SECTIONS = concat(SHARED_SECTIONS,
      UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  /**
   * One section of the layout. A class rather than a lambda per section: every command line
   * registers these, help or not, and on JDK 17 each lambda's first use links an invokedynamic
   * call site (about 0.2 ms each, interpreted).
   */
  private final class Section implements CommandLine.IHelpSectionRenderer {
    private final String key;
    private final boolean root;

    Section(String key, boolean root) {
      this.key = key;
      this.root = root;
    }

    @Override
    public String render(CommandLine.Help help) {
      switch (key) {
        case UsageMessageSpec.SECTION_KEY_OPTION_LIST:
          return options(help.commandSpec(), root);
        case UsageMessageSpec.SECTION_KEY_PARAMETER_LIST:
          return parameters(help.commandSpec());
        case UsageMessageSpec.SECTION_KEY_FOOTER:
          return footer(help.commandSpec(), root);
        case UsageMessageSpec.SECTION_KEY_COMMAND_LIST:
          return commands(help.commandSpec());
        default:
          return ""; // headings this layout folds into its own sections, and the exit codes of a subcommand
      }
    }
  }

  /** Each command with the first sentence of its description. */
  private String commands(CommandSpec spec) {
    StringBuilder out = new StringBuilder("\nCommands:\n");
    int column = 2 + spec.subcommands().keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    spec.subcommands().forEach((name, sub) -> {
      String text = String.join(" ", sub.getCommandSpec().usageMessage().description())
          .replace("%n", " ").trim();
      int end = text.indexOf(". ");
      String first = end > 0 ? text.substring(0, end + 1) : text;
      List<String> lines = wrap(first, width - column);
      out.append("  ").append(name).append(" ".repeat(column - 2 - name.length()))
          .append(lines.isEmpty() ? "" : lines.get(0)).append('\n');
      lines.stream().skip(1).forEach(l -> out.append(" ".repeat(column)).append(l).append('\n'));
    });
    return out.toString();
  }

  private String parameters(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        row(out, "  " + p.paramLabel(), p.description());
      }
    }
    return out.length() == 0 ? "" : "\n" + out;
  }

  private String options(CommandSpec spec, boolean root) {
    Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
    ORDER.forEach(h -> groups.put(h, new ArrayList<>()));
    Map<String, String> declaredBy = declaringHeadings(spec);
    String own = declaredBy.values().contains("Request") ? "Request" : "Options";
    List<OptionSpec> global = new ArrayList<>();
    // the command's own options first, then its mixins'
    List<OptionSpec> ordered = new ArrayList<>(spec.options());
    ordered.sort(java.util.Comparator.comparing(o -> declaredBy.containsKey(o.longestName())));
    for (OptionSpec o : ordered) {
      if (o.hidden() || (!root && STANDARD.contains(o.longestName()))) {
        continue;
      }
      String mixin = declaredBy.get(o.longestName());
      if (root || o.inherited() || "global".equals(mixin)) {
        global.add(o);
        continue;
      }
      String heading = OPTION_HEADINGS.getOrDefault(o.longestName(), mixin == null ? own : mixin);
      groups.computeIfAbsent(heading, h -> new ArrayList<>()).add(o);
    }
    StringBuilder out = new StringBuilder();
    groups.forEach((heading, list) -> section(out, heading, list));
    if (root) {
      global.addAll(CommandSpec.forAnnotatedObject(new GlobalOptions()).options());
      section(out, "Global options (every command takes them)", global);
    }
    return out.toString();
  }

  /** The heading of each option that a mixin declares; "global" for the global options' mixin. */
  private static Map<String, String> declaringHeadings(CommandSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    spec.mixins().forEach((name, mixin) -> {
      String type = mixin.userObject() == null ? "" : mixin.userObject().getClass().getSimpleName();
      String heading = type.equals("GlobalOptions") ? "global" : MIXIN_HEADINGS.get(type);
      if (heading != null) {
        mixin.options().forEach(o -> out.putIfAbsent(o.longestName(), heading));
      }
    });
    return out;
  }

  private void section(StringBuilder out, String heading, List<OptionSpec> options) {
    if (options.isEmpty()) {
      return;
    }
    out.append('\n').append(heading).append(":\n");
    options.forEach(o -> row(out, "  " + names(o), o.description()));
  }

  private static String names(OptionSpec o) {
    String shortName = o.shortestName().length() == 2 && !o.shortestName().equals(o.longestName())
        ? o.shortestName() + ", " : "    ";
    String label = o.arity().max() > 0 ? "=" + o.paramLabel() : "";
    return shortName + o.longestName() + label;
  }

  /** A name and its description, wrapped at the width between words only. */
  private void row(StringBuilder out, String name, String[] description) {
    int column = Math.min(DESCRIPTION_COLUMN, width / 3);
    List<String> lines = wrap(String.join(" ", description), width - column);
    int room = width - column;
    if (lines.stream().anyMatch(l -> l.length() > room)) {
      // a word too long for the column (a URL): the description starts further left
      column = 8;
      lines = wrap(String.join(" ", description), width - column);
      name += "\n" + " ".repeat(column);
    }
    String pad = " ".repeat(column);
    if (name.endsWith(" ") && !lines.isEmpty()) {
      out.append(name).append(lines.get(0)).append('\n');
      lines = lines.subList(1, lines.size());
    } else if (name.length() <= column - 2 && !lines.isEmpty()) {
      out.append(name).append(" ".repeat(column - name.length())).append(lines.get(0)).append('\n');
      lines = lines.subList(1, lines.size());
    } else {
      out.append(name).append('\n');
    }
    lines.forEach(l -> out.append(pad).append(l).append('\n'));
  }

  /** Greedy word wrap; a word longer than the width stands alone on its line, unbroken. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("[ \\t\\n]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    lines.replaceAll(l -> l.replace('\u00a0', ' '));
    return lines;
  }

  /**
   * A command too long for the width, split between words with a shell line continuation so it
   * still runs when pasted; a trailing comment goes on a line of its own above it.
   */
  private void example(StringBuilder out, String text) {
    int indent = text.startsWith("      ") ? 6 : 2;
    boolean command = indent == 6 || text.trim().startsWith("cds ");
    int hash = text.indexOf(" # ");
    if (command && hash > 0) {
      out.append(" ".repeat(indent)).append(text.substring(hash + 1).trim()).append('\n');
      text = text.substring(0, hash).stripTrailing();
    }
    List<String> parts = wrap(text, width - 8);
    for (int i = 0; i < parts.size(); i++) {
      out.append(" ".repeat(i == 0 ? indent : 6)).append(parts.get(i))
          .append(command && i < parts.size() - 1 ? " \\" : "").append('\n');
    }
  }

  /**
   * An example the footer writes over several lines ending in {@code \\}: as written when every
   * line fits, else rejoined and laid out as one command, so its comment goes above the whole
   * command and never between a continuation and the line it continues.
   */
  private void continuedExample(StringBuilder out, List<String> lines) {
    if (lines.stream().allMatch(l -> l.length() <= width)) {
      lines.forEach(l -> out.append(l).append('\n'));
      return;
    }
    StringBuilder joined = new StringBuilder("  ");
    for (String l : lines) {
      String part = l.strip();
      joined.append(part.endsWith("\\") ? part.substring(0, part.length() - 1).stripTrailing() : part).append(' ');
    }
    example(out, joined.toString().stripTrailing());
  }

  /** An item whose first line is indented two spaces and the rest four. */
  private void hanging(StringBuilder out, String text) {
    List<String> lines = wrap(text, width - 4);
    for (int i = 0; i < lines.size(); i++) {
      out.append(i == 0 ? "  " : "    ").append(lines.get(i)).append('\n');
    }
  }

  private void flush(StringBuilder out, List<String> paragraph) {
    if (!paragraph.isEmpty()) {
      wrap(String.join(" ", paragraph), width).forEach(l -> out.append(l).append('\n'));
      paragraph.clear();
    }
  }

  /**
   * The footer: examples (lines starting with "  cds ") are split at a space with a shell line
   * continuation, so they still run as written; prose is rewrapped; other lines are kept.
   */
  private String footer(CommandSpec spec, boolean root) {
    StringBuilder out = new StringBuilder();
    List<String> paragraph = new ArrayList<>();
    List<String> continued = new ArrayList<>();
    for (String line : spec.usageMessage().footer()) {
      for (String text : line.replace("%n", "\n").split("\n", -1)) {
        if (!continued.isEmpty() || (text.startsWith("  ") && text.endsWith(" \\"))) {
          // an example written over several lines is laid out as one command
          continued.add(text);
          if (!text.endsWith(" \\")) {
            flush(out, paragraph);
            continuedExample(out, continued);
            continued.clear();
          }
          continue;
        }
        if (!text.isBlank() && !text.startsWith(" ")) {
          paragraph.add(text);
          continue;
        }
        flush(out, paragraph);
        if (text.length() <= width || !text.startsWith("  ")) {
          out.append(text).append('\n');
        } else {
          example(out, text);
        }
      }
    }
    if (!continued.isEmpty()) {
      continuedExample(out, continued);
    }
    flush(out, paragraph);
    if (root) {
      out.append("\nFiles:\n");
      FILES.forEach(f -> hanging(out, f));
      out.append("\nEnvironment:\n");
      ENVIRONMENT.forEach(e -> hanging(out, e));
    } else {
      out.append('\n');
      wrap(POINTER, width).forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }
}
