package dev.cds.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One version of one hook, as read from {@code hooks/<hook>/<version>.json}. */
public record HookDefinition(
    String hook,
    String version,
    String specificationVersion,
    String maturity,
    boolean deprecated,
    List<String> replacedBy,
    String summary,
    String source,
    List<ChangeLogEntry> changeLog,
    List<ContextField> fields,
    Map<String, String> aliases,
    Map<String, Template> templates) {

  /**
   * A context template for one FHIR version; {@code note} says what was corrected from the seed,
   * {@code adaptedFrom} names the FHIR version whose example it was adapted from when the hook
   * library has none for this one.
   */
  public record Template(String file, String note, String adaptedFrom) {}

  public record ChangeLogEntry(String version, String description) {}

  public Optional<ContextField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
