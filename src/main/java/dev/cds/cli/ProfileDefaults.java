package dev.cds.cli;

import dev.cds.core.CdsException;
import dev.cds.hooks.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment and the config file, so users type a base URL, keys and
 * issuer once. Precedence: command-line flag, then environment ({@code CDS_BASE_URL}), then the
 * selected profile ({@code --profile NAME} or {@code CDS_PROFILE}, else {@code [default]}), then
 * the built-in default.
 *
 * <p>The config file ({@code $CDS_CONFIG}, else {@code ~/.config/cds/config}) is INI-like: a
 * {@code [NAME]} line starts a profile, {@code key = value} lines set any option by its long name
 * without dashes ({@code base}, {@code key}, {@code iss}, {@code fhir-server} …), {@code #}
 * starts a comment, a leading {@code ~/} in a value means the home folder.
 */
final class ProfileDefaults implements IDefaultValueProvider {
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "base", "CDS_BASE_URL",
      "fhir-server", "CDS_FHIR_SERVER");

  private final CliContext ctx;
  private final Map<String, String> profile;
  private final String selected;

  ProfileDefaults(CliContext ctx, String selected) {
    this.ctx = ctx;
    this.selected = selected;
    this.profile = load(ctx, selected);
    warnUnknownKeys(ctx, profile);
  }

  /** The profile named by --profile or CDS_PROFILE; null for [default]. */
  String profileName() {
    return selected;
  }

  /** The selected profile's settings, as the file has them ({@code ~/} expanded). */
  Map<String, String> profile() {
    return profile;
  }

  /** The environment variable that sets {@code key}, if one does. */
  static String environmentVariable(String key) {
    return ENVIRONMENT.get(key);
  }

  /** Every key a profile may set: the long option names of every command, from a generated list. */
  static java.util.Set<String> knownKeys() {
    try (var in = ProfileDefaults.class.getResourceAsStream("config-keys.txt")) {
      return in == null ? java.util.Set.of()
          : java.util.Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      return java.util.Set.of();
    }
  }

  private static void warnUnknownKeys(CliContext ctx, Map<String, String> profile) {
    if (profile.isEmpty()) {
      return;
    }
    java.util.Set<String> known = knownKeys();
    for (String key : profile.keySet()) {
      if (!known.isEmpty() && !known.contains(key)) {
        String nearest = nearest(key, known);
        ctx.err().println("cds: warning: " + configFile(ctx) + ": unknown key '" + key + "'"
            + (nearest == null ? " (keys are long option names without dashes)" : "; did you mean '" + nearest + "'?"));
      }
    }
  }

  /** The known key fewest edits away, when it is close enough to be a typo. */
  static String nearest(String key, java.util.Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = Suggestions.distance(key, k);
      if (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0)) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String name = withoutDashes(option.longestName());
    String env = ENVIRONMENT.get(name);
    if (env != null && ctx.env(env) != null) {
      return ctx.env(env);
    }
    return profile.get(name);
  }

  /**
   * {@code --base} as {@code base}. Not a regular expression: this runs for every option of the
   * command on every run, and each one compiled is interpreted work at start-up.
   */
  private static String withoutDashes(String option) {
    int i = 0;
    while (i < option.length() && option.charAt(i) == '-') {
      i++;
    }
    return option.substring(i);
  }

  /** The profile named on the command line or in CDS_PROFILE, else [default] when the file has one. */
  static String selected(String[] args, CliContext ctx) {
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equals("--profile") && i + 1 < list.size()) {
        return list.get(i + 1);
      }
      if (list.get(i).startsWith("--profile=")) {
        return list.get(i).substring("--profile=".length());
      }
    }
    return ctx.env("CDS_PROFILE");
  }

  static Path configFile(CliContext ctx) {
    String explicit = ctx.env("CDS_CONFIG");
    return explicit != null ? Path.of(explicit) : ctx.configDir().resolve("config");
  }

  private static Map<String, String> load(CliContext ctx, String selected) {
    Path file = configFile(ctx);
    if (ctx.env("CDS_CONFIG") != null && !Files.isRegularFile(file)) {
      throw CdsException.badInput("CDS_CONFIG names " + file + ", which does not exist: create it or unset CDS_CONFIG");
    }
    if (!Files.isRegularFile(file)) {
      if (selected != null) {
        throw CdsException.usage("profile '" + selected + "' not found: " + file + " does not exist");
      }
      return Map.of();
    }
    Map<String, Map<String, String>> profiles = parse(file, CliContext.home(ctx.env()));
    String name = selected == null ? "default" : selected;
    Map<String, String> values = profiles.get(name);
    if (values == null) {
      if (selected != null) {
        throw CdsException.usage("profile '" + selected + "' not found in " + file + "; profiles: "
            + String.join(", ", profiles.keySet()));
      }
      return Map.of();
    }
    return values;
  }

  static Map<String, Map<String, String>> parse(Path file, Path home) {
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    Map<String, String> current = null;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw CdsException.badInput("cannot read config " + file + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip().replaceFirst("^profile\\s+", "");
        current = profiles.get(name);
        if (current == null) {
          current = new HashMap<>();
          profiles.put(name, current);
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw CdsException.badInput(file + " line " + (i + 1) + ": expected [profile] or key = value");
      }
      String value = line.substring(eq + 1).strip();
      if (value.startsWith("~/")) {
        value = home.resolve(value.substring(2)).toString();
      }
      current.put(line.substring(0, eq).strip(), value);
    }
    return profiles;
  }
}
