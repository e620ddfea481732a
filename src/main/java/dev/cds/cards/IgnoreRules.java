package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a comparison leaves out: card and suggestion uuids always (services mint them per call),
 * plus the user's {@code --ignore} paths.
 */
public record IgnoreRules(List<PathPattern> patterns) {
  private static final List<PathPattern> UUIDS =
      List.of(PathPattern.parse("/cards/*/uuid"), PathPattern.parse("/cards/*/suggestions/*/uuid"));

  public static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /** From {@code --ignore} values; a value that is not a path is a usage error (exit 2). */
  public static IgnoreRules of(List<String> paths) {
    List<PathPattern> list = new ArrayList<>();
    if (paths != null) {
      paths.forEach(p -> list.add(PathPattern.parse(p)));
    }
    return new IgnoreRules(List.copyOf(list));
  }

  /** A copy of a response body without the ignored parts. */
  JsonNode apply(JsonNode body) {
    if (body == null || !body.isContainerNode()) {
      return body;
    }
    JsonNode copy = body.deepCopy();
    UUIDS.forEach(p -> p.removeFrom(copy));
    patterns.forEach(p -> p.removeFrom(copy));
    return copy;
  }
}
