package dev.cds.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of the CDS Hooks 3.0 logical models ({@code cds-r-*}, {@code cds-resp-*},
 * {@code cds-fb-*}) and of the hook library's context models ({@code ord-1}). Their ids are the
 * rule ids of the checks that enforce them; the ids those checks had before are kept as aliases.
 */
public final class Invariants {
  /** One invariant: its id, what the spec says, and the rule ids cds used for it before. */
  public record Invariant(String id, String description, List<String> aliases) {}

  private static final Map<String, Invariant> ALL = table(
      new Invariant("cds-r-1", "if fhirAuthorization details are provided, a fhirServer SHALL be specified",
          List.of("request.fhirAuthorization.fhirServer")),
      new Invariant("cds-r-2", "if the granted SMART scopes include patient scopes (patient/), the patient field"
          + " SHOULD identify that patient", List.of("request.fhirAuthorization.patient")),
      new Invariant("cds-resp-1", "only one suggestion can be recommended if selectionBehavior is at-most-one",
          List.of("response.suggestion.isRecommended")),
      new Invariant("cds-resp-2", "a delete action names the resource in resourceId, not resource",
          List.of("response.action.resourceId")),
      new Invariant("cds-resp-3", "appContext only for smart links", List.of("response.link.appContext")),
      new Invariant("cds-resp-4", "each override reason Coding has a display", List.of("response.overrideReason.display")),
      new Invariant("cds-resp-5", "every action of a suggestion has a description", List.of("response.action.description")),
      new Invariant("cds-resp-6", "a card with suggestions has a selectionBehavior", List.of("response.card.selectionBehavior")),
      new Invariant("cds-resp-7", "actionSelectionBehavior is all, any or at-most-one", List.of()),
      new Invariant("cds-fb-1", "outcome is accepted or overridden", List.of("feedback.outcome")),
      new Invariant("cds-fb-2", "an accepted outcome lists its acceptedSuggestions", List.of("feedback.acceptedSuggestions")),
      new Invariant("cds-fb-3", "an overrideReason has a reason, a userComment or both", List.of("feedback.overrideReason")),
      new Invariant("ord-1", "a reference is {type}/{id}", List.of("context.reference.form")));

  private Invariants() {}

  public static Iterable<Invariant> all() {
    return ALL.values();
  }

  public static boolean isInvariant(String id) {
    return ALL.containsKey(id);
  }

  /** The former ids of a rule that now carries an invariant's id; empty for any other rule. */
  static List<String> aliasesOf(String rule) {
    Invariant i = ALL.get(rule);
    return i == null ? List.of() : i.aliases();
  }

  private static Map<String, Invariant> table(Invariant... invariants) {
    Map<String, Invariant> m = new LinkedHashMap<>();
    for (Invariant i : invariants) {
      m.put(i.id(), i);
    }
    return Collections.unmodifiableMap(m);
  }
}
