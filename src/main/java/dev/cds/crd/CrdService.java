package dev.cds.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The CRD view of one discovery entry: the versions it lists and the configuration options it
 * offers, as far as they are well formed (the discovery checks report the rest).
 */
public record CrdService(String id, List<String> versions, List<ConfigurationOption> options) {
  public static CrdService of(JsonNode service) {
    JsonNode extension = service == null ? null : service.get("extension");
    List<String> versions = new ArrayList<>();
    List<ConfigurationOption> options = new ArrayList<>();
    if (extension != null && extension.isObject()) {
      for (JsonNode v : extension.path(CrdCodes.VERSION)) {
        if (v.isTextual()) {
          versions.add(v.asText());
        }
      }
      for (JsonNode o : extension.path(CrdCodes.OPTIONS)) {
        if (o.isObject() && o.path("code").isTextual()) {
          options.add(ConfigurationOption.of(o));
        }
      }
    }
    return new CrdService(service == null ? null : service.path("id").asText(null), List.copyOf(versions), List.copyOf(options));
  }

  /** True when a discovery entry carries any {@code davinci-crd.*} extension: a CRD service. */
  public static boolean advertised(JsonNode service) {
    JsonNode extension = service == null ? null : service.get("extension");
    if (extension == null || !extension.isObject()) {
      return false;
    }
    for (Iterator<String> it = extension.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith("davinci-crd.")) {
        return true;
      }
    }
    return false;
  }

  public Optional<ConfigurationOption> option(String code) {
    return options.stream().filter(o -> code.equals(o.code())).findFirst();
  }

  /** "a (boolean, default true), b (integer, default 10)" or a note that there are none. */
  public String offer() {
    return options.isEmpty() ? "none (its discovery entry lists no " + CrdCodes.OPTIONS + ")"
        : String.join(", ", options.stream().map(ConfigurationOption::describe).toList());
  }
}
