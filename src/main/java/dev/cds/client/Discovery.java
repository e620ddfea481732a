package dev.cds.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.hooks.Suggestions;
import dev.cds.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A discovery document as received (unknown fields kept in {@code document}), its services, and
 * what was odd about it ({@code {}} from a server with no services yet is zero services, not a
 * failure).
 */
public record Discovery(JsonNode document, List<Service> services, List<String> warnings, boolean cached) {

  public static Discovery of(JsonNode document) {
    List<Service> services = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    JsonNode list = document.get("services");
    if (list == null) {
      warnings.add("the discovery document has no \"services\" array (required): read as no services");
    } else if (!list.isArray()) {
      warnings.add("\"services\" in the discovery document is not an array: read as no services");
    } else {
      for (JsonNode s : list) {
        services.add(new Service(s));
      }
      if (services.isEmpty()) {
        warnings.add("the server offers no services");
      }
    }
    return new Discovery(document, List.copyOf(services), List.copyOf(warnings), false);
  }

  /** The same document, marked as read from the discovery cache. */
  public Discovery fromCache() {
    return new Discovery(document, services, warnings, true);
  }

  public List<Service> forHook(String hook) {
    List<Service> out = new ArrayList<>();
    for (Service s : services) {
      if (hook.equals(s.hook())) {
        out.add(s);
      }
    }
    return out;
  }

  public List<Service> withId(String id) {
    List<Service> out = new ArrayList<>();
    for (Service s : services) {
      if (id.equals(s.id())) {
        out.add(s);
      }
    }
    return out;
  }

  /** The hooks offered, each once, in discovery order. */
  public List<String> hooks() {
    Set<String> hooks = new LinkedHashSet<>();
    for (Service s : services) {
      if (s.hook() != null) {
        hooks.add(s.hook());
      }
    }
    return List.copyOf(hooks);
  }

  /**
   * The services a {@code cds call} argument names: every service of a hook (narrowed by
   * {@code only} when given), or the one service with that id. A known hook no service offers, and
   * a name that is neither, are usage errors that list what the server offers; typo suggestions
   * prefer hook names to service ids.
   *
   * @param knownHooks every hook name cds knows (the catalog), for telling a hook from an id
   */
  public List<Service> resolve(String hookOrId, List<String> knownHooks, List<String> only) {
    List<Service> byHook = forHook(hookOrId);
    List<Service> chosen;
    if (knownHooks.contains(hookOrId) || !byHook.isEmpty()) {
      if (byHook.isEmpty()) {
        throw CdsException.usage("no service at this server answers " + hookOrId + "; it offers "
            + (hooks().isEmpty() ? "no hooks" : "the hooks " + String.join(", ", hooks())) + offer());
      }
      chosen = byHook;
    } else {
      chosen = withId(hookOrId);
      if (chosen.isEmpty()) {
        Set<String> hooks = new LinkedHashSet<>(knownHooks);
        hooks.addAll(hooks());
        String hint = Suggestions.didYouMean(hookOrId, hooks);
        if (hint.isEmpty()) {
          hint = Suggestions.didYouMean(hookOrId, ids());
        }
        throw CdsException.usage("'" + hookOrId + "' is neither a hook nor a service id here" + hint + offer());
      }
      chosen = List.of(chosen.get(0));
    }
    if (only == null || only.isEmpty()) {
      return chosen;
    }
    for (String id : only) {
      if (chosen.stream().noneMatch(s -> id.equals(s.id()))) {
        throw CdsException.usage("{0} {1} is not {2} service here; those are: {3}", Setting.SERVICE, id,
            article(chosen.get(0).hook()), String.join(", ", chosen.stream().map(Service::id).toList()));
      }
    }
    return chosen.stream().filter(s -> only.contains(s.id())).toList();
  }

  private static String article(String hook) {
    return (hook != null && !hook.isEmpty() && "aeiou".indexOf(hook.charAt(0)) >= 0 ? "an " : "a ") + hook;
  }

  private String offer() {
    return services.isEmpty() ? " (no services)"
        : "; services: " + String.join(", ", services.stream()
            .sorted(Comparator.comparing(s -> String.valueOf(s.hook())))
            .map(s -> s.id() + " (" + s.hook() + ")").toList());
  }

  public List<String> ids() {
    return services.stream().map(Service::id).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
