package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the service definitions of a folder: every {@code *.json} file is one service (sub-folders
 * are not read: they hold reply bodies, or another service set to serve on its own).
 * A reply's body is given inline ({@code "body"}) or as a file next to it ({@code "bodyFile"}).
 */
public final class ServiceDefinitions {
  private ServiceDefinitions() {}

  public static List<ServiceDefinition> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw CdsException.badInput(dir + " is not a folder of service definitions (*.json)");
    }
    List<ServiceDefinition> services = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        services.add(parse(Json.read(file.toString(), null), file));
      }
    } catch (IOException e) {
      throw CdsException.badInput("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (services.isEmpty()) {
      throw CdsException.badInput(dir + " holds no service definitions (*.json)");
    }
    return services;
  }

  static ServiceDefinition parse(JsonNode n, Path file) {
    String id = required(n, "id", file);
    String hook = required(n, "hook", file);
    List<ServiceDefinition.Rule> rules = new ArrayList<>();
    for (JsonNode r : n.path("rules")) {
      if (!r.path("when").isObject()) {
        throw CdsException.badInput(file + ": every rule needs a \"when\" object of path → condition");
      }
      rules.add(new ServiceDefinition.Rule(r.path("name").asText(null), r.get("when"), reply(r, file)));
    }
    JsonNode response = n.path("response");
    ServiceDefinition.Reply fallback = response.isMissingNode()
        ? new ServiceDefinition.Reply(200, Json.parse("{\"cards\":[]}", file.toString()), 0)
        : reply(response, file);
    JsonNode extension = n.get("extension");
    if (extension != null && !extension.isObject()) {
      throw CdsException.badInput(file + ": \"extension\" is an object (it goes into the discovery entry as is)");
    }
    JsonNode hookVersion = n.get("hookVersion");
    if (hookVersion != null && !hookVersion.isTextual()) {
      throw CdsException.badInput(file + ": \"hookVersion\" is a string, the hook version served (e.g. \"1.1\")");
    }
    return new ServiceDefinition(id, hook, n.path("title").asText(null), n.path("description").asText(null),
        n.get("prefetch"), extension, hookVersion == null ? null : hookVersion.asText(), fallback, List.copyOf(rules), shaping(n.get("shape"), file));
  }

  private static ServiceDefinition.Shaping shaping(JsonNode shape, Path file) {
    if (shape == null) {
      return ServiceDefinition.Shaping.NONE;
    }
    List<ServiceDefinition.Drop> drops = new ArrayList<>();
    for (JsonNode d : shape.path("drop")) {
      if (!d.path("when").isObject() || !(d.path("cards").isObject() || d.path("systemActions").isObject())) {
        throw CdsException.badInput(file + ": each \"drop\" needs a \"when\" object (request path → condition) and"
            + " a \"cards\" or \"systemActions\" object (path in the card or action → condition)");
      }
      drops.add(new ServiceDefinition.Drop(d.get("when"), d.get("cards"), d.get("systemActions")));
    }
    JsonNode max = shape.get("maxCards");
    ServiceDefinition.MaxCards maxCards = null;
    if (max != null) {
      if (!max.path("from").isTextual()) {
        throw CdsException.badInput(file + ": \"maxCards\" needs \"from\": the request path of the limit, e.g."
            + " \"/extension/davinci-crd.configuration/max-cards\"");
      }
      maxCards = new ServiceDefinition.MaxCards(max.get("from").asText(),
          max.path("default").canConvertToExactIntegral() ? max.get("default").asInt() : null);
    }
    return new ServiceDefinition.Shaping(List.copyOf(drops), maxCards);
  }

  private static ServiceDefinition.Reply reply(JsonNode r, Path file) {
    JsonNode body = r.get("body");
    if (r.has("bodyFile")) {
      body = Json.read(file.resolveSibling(r.get("bodyFile").asText()).toString(), null);
    }
    if (body == null) {
      throw CdsException.badInput(file + ": a response needs \"body\" or \"bodyFile\"");
    }
    List<ServiceDefinition.Annotation> annotate = new ArrayList<>();
    for (JsonNode a : r.path("annotate")) {
      if (!a.path("each").isTextual() || !a.path("extension").isObject()) {
        throw CdsException.badInput(file + ": each \"annotate\" needs \"each\" (the request path of the resources)"
            + " and \"extension\" (the FHIR extension to add to each)");
      }
      JsonNode where = a.get("where");
      if (where != null && !where.isObject()) {
        throw CdsException.badInput(file + ": an annotation's \"where\" is an object (path in the resource → condition)");
      }
      annotate.add(new ServiceDefinition.Annotation(a.get("each").asText(), where, a.path("description").asText(null),
          a.get("extension")));
    }
    return new ServiceDefinition.Reply(r.path("status").asInt(200), body, r.path("delayMs").asLong(0), List.copyOf(annotate));
  }

  private static String required(JsonNode n, String field, Path file) {
    if (!n.path(field).isTextual() || n.path(field).asText().isBlank()) {
      throw CdsException.badInput(file + ": missing \"" + field + "\" (a service definition needs id, hook and a response)");
    }
    return n.get(field).asText();
  }
}
