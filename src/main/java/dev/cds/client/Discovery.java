package dev.cds.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.cds.core.CdsException;
import dev.cds.hooks.Suggestions;

/** A discovery document as received (unknown fields kept in {@code document}) and its services. */
public record Discovery(JsonNode document, List<Service> services) {

  /** One discovery entry; {@code title} falls back to a {@code name} some servers send. */
  public record Service(String id, String hook, String title, String description, Map<String, String> prefetch,
      String hookVersion, JsonNode raw) {}

  public static Discovery of(JsonNode document) {
    List<Service> services = new ArrayList<>();
    for (JsonNode s : document.path("services")) {
      Map<String, String> prefetch = new LinkedHashMap<>();
      s.path("prefetch").fields().forEachRemaining(e -> prefetch.put(e.getKey(), e.getValue().asText()));
      services.add(new Service(
          s.path("id").asText(null),
          s.path("hook").asText(null),
          s.hasNonNull("title") ? s.get("title").asText() : s.path("name").asText(null),
          s.path("description").asText(null),
          prefetch,
          s.path("hookVersion").asText(null),
          s));
    }
    return new Discovery(document, List.copyOf(services));
  }

  public List<Service> forHook(String hook) {
    return services.stream().filter(s -> hook.equals(s.hook())).toList();
  }

  public List<Service> withId(String id) {
    return services.stream().filter(s -> id.equals(s.id())).toList();
  }

  /**
   * The services a {@code cds call} argument names: every service of a hook (narrowed by
   * {@code only} when given), or the one service with that id. Unknown names are usage errors
   * that list what discovery offered.
   */
  public List<Service> resolve(String hookOrId, boolean knownHook, List<String> only) {
    List<Service> byHook = forHook(hookOrId);
    List<Service> chosen;
    if (knownHook || !byHook.isEmpty()) {
      if (byHook.isEmpty()) {
        throw CdsException.service("no service at this server answers " + hookOrId + "; it offers: " + offer());
      }
      chosen = byHook;
    } else {
      chosen = withId(hookOrId);
      if (chosen.isEmpty()) {
        throw CdsException.usage("'" + hookOrId + "' is neither a hook nor a service id here"
            + Suggestions.didYouMean(hookOrId, ids()) + "; services: " + offer());
      }
      chosen = List.of(chosen.get(0));
    }
    if (only == null || only.isEmpty()) {
      return chosen;
    }
    for (String id : only) {
      if (chosen.stream().noneMatch(s -> id.equals(s.id()))) {
        throw CdsException.usage("--service " + id + " is not a " + chosen.get(0).hook() + " service here; "
            + "those are: " + String.join(", ", chosen.stream().map(Service::id).toList()));
      }
    }
    return chosen.stream().filter(s -> only.contains(s.id())).toList();
  }

  private String offer() {
    return services.isEmpty() ? "(no services)"
        : String.join(", ", services.stream().map(s -> s.id() + " (" + s.hook() + ")").toList());
  }

  public List<String> ids() {
    return services.stream().map(Service::id).distinct().toList();
  }
}
