package dev.cds.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of one hook, as read from {@code hooks/<hook>/<version>.json}.
 *
 * @param source where the definition comes from: the hook's page in the CDS Hooks hook library
 * @param notes what a user should know about this definition (e.g. a page that contradicts itself)
 * @param contextModel the hook library's context logical model this version follows (e.g.
 *     CDSHookOrderSignContext), or null when the hook has none
 */
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
    Map<String, Template> templates,
    List<String> notes,
    String contextModel) {

  /**
   * A context template for one FHIR version; {@code note} says what was corrected from the hook
   * library's example,
   * {@code adaptedFrom} names the FHIR version whose example it was adapted from when the hook
   * library has none for this one.
   */
  public record Template(String file, String note, String adaptedFrom) {}

  public record ChangeLogEntry(String version, String description) {}

  public Optional<ContextField> field(String name) {
    for (ContextField f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
