package dev.cds.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.hooks.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a CRD request carries in {@code extension}: the configuration ({@code CODE=VALUE} pairs
 * typed by the options the service offers, CRD deviations.md dev-12) and the requested version
 * (dev-3). Built from the service's discovery entry; the notes say what was chosen and why.
 */
public final class CrdConfiguration {
  /** What to do with a pair the service does not offer, or whose value does not fit the option's type. */
  public enum Policy {
    /** A usage failure that lists what the service offers. */
    REFUSE,
    /** Send it anyway (servers ignore unsupported configuration, dev-16/dev-17), typed by its look. */
    SEND,
    /** Leave it out with a note: for defaults meant for many services, each offering its own options. */
    SKIP
  }

  /**
   * @param extension the members to merge into the request's {@code extension} (empty: nothing to send)
   * @param notes one line per decision, for {@code -v}
   */
  public record Result(ObjectNode extension, List<String> notes, boolean explicitVersion) {
    /**
     * Merges into {@code request.extension}: the configuration's codes win over those already in
     * the request; the version replaces the request's only when it was asked for explicitly.
     */
    public void applyTo(ObjectNode request) {
      if (extension.isEmpty()) {
        return;
      }
      JsonNode existing = request.get("extension");
      ObjectNode target = existing instanceof ObjectNode o ? o : request.putObject("extension");
      JsonNode config = extension.get(CrdCodes.CONFIGURATION);
      if (config != null) {
        JsonNode had = target.get(CrdCodes.CONFIGURATION);
        ObjectNode merged = had instanceof ObjectNode o ? o : target.putObject(CrdCodes.CONFIGURATION);
        merged.setAll((ObjectNode) config);
      }
      JsonNode version = extension.get(CrdCodes.REQUESTED_VERSION);
      if (version != null && (explicitVersion || !target.has(CrdCodes.REQUESTED_VERSION))) {
        target.set(CrdCodes.REQUESTED_VERSION, version);
      }
    }
  }

  /** The version sent (null: none) and why, in words. */
  public record Negotiation(String version, String reason) {}

  /** major.minor, as both CRD version extensions take it (deviations.md: "2.0, not 2.0.0"). */
  static final Pattern VERSION = Pattern.compile("\\d{1,6}\\.\\d{1,6}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

  private CrdConfiguration() {}

  /**
   * @param service the service's discovery entry (its {@code extension} lists versions and options)
   * @param pairs {@code CODE=VALUE} as the user typed them (null: none)
   * @param requestedVersion the version asked for, or null to negotiate
   */
  public static Result build(JsonNode service, List<String> pairs, String requestedVersion, Policy policy) {
    CrdService crd = CrdService.of(service);
    String name = crd.id() == null ? "the service" : "service " + crd.id();
    List<String> notes = new ArrayList<>();
    ObjectNode extension = Json.object();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw CdsException.usage("CRD configuration '" + pair + "' is not CODE=VALUE, e.g. coverage-info=false or max-cards=5");
      }
      String code = pair.substring(0, eq).strip();
      String raw = pair.substring(eq + 1).strip();
      Optional<JsonNode> typed = typed(crd, name, code, raw, policy, notes);
      typed.ifPresent(v -> {
        if (values.put(code, v) != null) {
          notes.add("CRD configuration " + code + " given twice: the last value (" + v + ") is sent");
        }
      });
    }
    if (!values.isEmpty()) {
      ObjectNode config = extension.putObject(CrdCodes.CONFIGURATION);
      values.forEach(config::set);
      notes.add("CRD configuration sent to " + name + ": " + Json.compact(config));
    }
    Negotiation n = negotiate(crd.versions(), requestedVersion, policy);
    if (n.version() != null) {
      extension.put(CrdCodes.REQUESTED_VERSION, n.version());
    }
    if (n.reason() != null) {
      notes.add(n.reason());
    }
    return new Result(extension, List.copyOf(notes), requestedVersion != null);
  }

  private static Optional<JsonNode> typed(CrdService crd, String name, String code, String raw, Policy policy, List<String> notes) {
    Optional<ConfigurationOption> option = crd.option(code);
    if (option.isEmpty()) {
      String problem = name + " offers no CRD configuration option '" + code + "'"
          + Suggestions.didYouMean(code, crd.options().stream().map(ConfigurationOption::code).toList())
          + "; it offers: " + crd.offer();
      return unfit(problem, code, raw, guess(raw), policy, notes);
    }
    String type = option.get().type();
    if ("boolean".equals(type)) {
      if (raw.equals("true") || raw.equals("false")) {
        return Optional.of(Json.NODES.booleanNode(raw.equals("true")));
      }
      return unfit("CRD option " + code + " of " + name + " is a boolean: give " + code + "=true or " + code
          + "=false, not '" + raw + "'; it offers: " + crd.offer(), code, raw, guess(raw), policy, notes);
    }
    if ("integer".equals(type)) {
      if (INTEGER.matcher(raw).matches()) {
        return Optional.of(integer(raw));
      }
      return unfit("CRD option " + code + " of " + name + " is an integer: give a whole number, e.g. " + code
          + "=5, not '" + raw + "'; it offers: " + crd.offer(), code, raw, guess(raw), policy, notes);
    }
    // the type binding is extensible: an unknown type is sent as the value looks
    notes.add("CRD option " + code + " has type '" + type + "', which cds does not know: sent as " + guess(raw));
    return Optional.of(guess(raw));
  }

  private static Optional<JsonNode> unfit(String problem, String code, String raw, JsonNode guessed, Policy policy,
      List<String> notes) {
    switch (policy) {
      case REFUSE -> throw CdsException.usage(problem);
      case SEND -> {
        notes.add("sent anyway: " + problem);
        return Optional.of(guessed);
      }
      default -> {
        notes.add("left out " + code + "=" + raw + ": " + problem);
        return Optional.empty();
      }
    }
  }

  /** true/false as a boolean, a whole number as an integer, anything else as a string. */
  private static JsonNode guess(String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return Json.NODES.booleanNode(raw.equals("true"));
    }
    if (INTEGER.matcher(raw).matches()) {
      return integer(raw);
    }
    return Json.NODES.textNode(raw);
  }

  /** The same node type a parser gives, so configurations compare equal to parsed JSON. */
  private static JsonNode integer(String raw) {
    long v = Long.parseLong(raw);
    return v == (int) v ? Json.NODES.numberNode((int) v) : Json.NODES.numberNode(v);
  }

  /**
   * The {@code davinci-crd.requestedVersion} to send: the one asked for; else the highest version
   * cds supports among those the service lists; else (none in common) the highest it lists. A
   * service that lists none gets none.
   */
  public static Negotiation negotiate(List<String> offered, String requested, Policy policy) {
    String listed = offered.isEmpty() ? "none" : String.join(", ", offered);
    if (requested != null) {
      if (!VERSION.matcher(requested).matches()) {
        String problem = "CRD version '" + requested + "' is not major.minor: give e.g. 2.2 (the patch number never"
            + " matters to interoperability)";
        if (policy == Policy.REFUSE) {
          throw CdsException.usage(problem);
        }
        return new Negotiation(requested, "sent anyway: " + problem);
      }
      if (!offered.isEmpty() && !offered.contains(requested)) {
        return new Negotiation(requested, "CRD version " + requested + " as asked, but the service lists " + listed
            + ": it should answer with an error");
      }
      return new Negotiation(requested, "CRD version " + requested + " as asked (the service lists " + listed + ")");
    }
    String highest = null;
    String common = null;
    for (String v : offered) {
      if (VERSION.matcher(v).matches()) {
        highest = later(highest, v);
        common = CrdCodes.SUPPORTED_VERSIONS.contains(v) ? later(common, v) : common;
      }
    }
    if (highest == null) {
      return new Negotiation(null, offered.isEmpty() ? null
          : "the service lists no CRD version as major.minor (" + listed + "): no requestedVersion sent");
    }
    if (common != null) {
      return new Negotiation(common, "CRD version " + common + ": the highest cds supports of those the"
          + " service lists (" + listed + ")");
    }
    return new Negotiation(highest, "CRD version " + highest + ": the service lists " + listed + ", none of which cds"
        + " knows (it knows " + String.join(", ", CrdCodes.SUPPORTED_VERSIONS) + "); its checks follow CRD 2.2");
  }

  /** The later of two major.minor versions by number (2.10 after 2.2); {@code a} may be null. */
  private static String later(String a, String b) {
    if (a == null) {
      return b;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    int order = major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    return order >= 0 ? a : b;
  }
}
