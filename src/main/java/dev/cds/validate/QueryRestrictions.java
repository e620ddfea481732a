package dev.cds.validate;

import dev.cds.core.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prefetch query restrictions (CDS Hooks 2.0 and 3.0, "Prefetch query restrictions"): the
 * subset of FHIR search a client can be expected to support. Only what the spec lists passes:
 * instance reads, type-level searches, reference and token parameters by equality (tokens
 * optionally {@code :in}), date prefixes eq/lt/gt/ge/le, {@code _count}, {@code _sort} and, in
 * 3.0, {@code _maxresults}. Anything else is a warning: a client may decline the template.
 */
final class QueryRestrictions {
  private static final String RULE = "discovery.prefetch.restrictions";
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]+");
  private static final Pattern TOKEN = Pattern.compile("\\{\\{.*?}}");
  /** A FHIR search prefix in front of a value: the two letters, then a digit or a (masked) token. */
  private static final Pattern PREFIX = Pattern.compile("^(eq|ne|gt|lt|ge|le|sa|eb|ap)(?=\\d|\u0000)");
  private static final Set<String> DATE_PREFIXES = Set.of("eq", "lt", "gt", "ge", "le");
  /** Result parameters the spec names; {@code _id} and {@code _lastUpdated} are token and date parameters. */
  private static final Set<String> RESULT_PARAMETERS = Set.of("_count", "_sort", "_maxresults");
  private static final Set<String> SEARCH_PARAMETERS = Set.of("_id", "_lastUpdated");

  private QueryRestrictions() {}

  /** Warnings for {@code template} at {@code at}; tokens ({{…}}) count as plain values. */
  static void check(String at, String key, String template, Findings out) {
    String masked = mask(template);
    int q = masked.indexOf('?');
    String path = q < 0 ? masked : masked.substring(0, q);
    List<String> problems = new ArrayList<>();
    if (!isRead(path) && !(q >= 0 && TYPE.matcher(path).matches())) {
      problems.add("'" + unmask(path, template) + "' is neither an instance read (Type/id) nor a type-level"
          + " search (Type?…)");
    }
    if (q >= 0) {
      for (String pair : masked.substring(q + 1).split("&")) {
        if (!pair.isEmpty()) {
          parameter(pair, problems, out.spec());
        }
      }
    }
    for (String p : problems) {
      out.warning(RULE, at, "prefetch '" + key + "': " + unmask(p, template) + "; the prefetch query restrictions"
          + " list only reads, type searches, reference and token equality (token :in), date prefixes"
          + " eq/lt/gt/ge/le, _count, _sort" + (out.spec().atLeast(SpecVersion.V3_0) ? " and _maxresults" : "")
          + ", so a client may skip this key");
    }
  }

  private static void parameter(String pair, List<String> problems, SpecVersion spec) {
    int eq = pair.indexOf('=');
    String name = eq < 0 ? pair : pair.substring(0, eq);
    String value = eq < 0 ? "" : pair.substring(eq + 1);
    int colon = name.indexOf(':');
    String base = colon < 0 ? name : name.substring(0, colon);
    String modifier = colon < 0 ? null : name.substring(colon + 1);
    if (base.equals("_maxresults") && !spec.atLeast(SpecVersion.V3_0)) {
      problems.add("_maxresults is a CDS Hooks 3.0 addition to the restrictions");
      return;
    }
    if (RESULT_PARAMETERS.contains(base)) {
      if (modifier != null && !(base.equals("_sort") && (modifier.equals("asc") || modifier.equals("desc")))) {
        problems.add("'" + name + "' takes no modifier");
      }
      return;
    }
    if (base.startsWith("_") && !SEARCH_PARAMETERS.contains(base)) {
      problems.add("'" + base + "' is not among the listed parameters");
      return;
    }
    if (base.equals("sort")) {
      problems.add("'" + name + "' is not a FHIR parameter (sort results with _sort, e.g. _sort=-date)");
      return;
    }
    if (base.contains(".")) {
      problems.add("'" + base + "' is a chained parameter");
      return;
    }
    if (modifier != null && !modifier.equals("in")) {
      problems.add("'" + name + "' uses the :" + modifier + " modifier (only :in is listed, for tokens)");
      return;
    }
    for (String v : value.split(",")) {
      Matcher m = PREFIX.matcher(v);
      if (m.find() && !DATE_PREFIXES.contains(m.group(1))) {
        problems.add("'" + name + "=" + v + "' uses the " + m.group(1) + " prefix (only eq, lt, gt, ge and le are listed)");
        return;
      }
    }
  }

  private static boolean isRead(String path) {
    String[] parts = path.split("/", -1);
    // a lone token such as {{context.userId}} expands to Type/id
    return (parts.length == 2 && TYPE.matcher(parts[0]).matches() && !parts[1].isEmpty())
        || (parts.length == 1 && parts[0].matches("\u0000\\d+\u0000"));
  }

  /** Tokens replaced by placeholders, so their insides (which may hold '&', '?' or '/') stay out of the parse. */
  private static String mask(String template) {
    Matcher m = TOKEN.matcher(template);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (m.find()) {
      m.appendReplacement(out, "\u0000" + i++ + "\u0000");
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String unmask(String text, String template) {
    Matcher m = TOKEN.matcher(template);
    String out = text;
    int i = 0;
    while (m.find()) {
      out = out.replace("\u0000" + i++ + "\u0000", m.group());
    }
    return out;
  }
}
