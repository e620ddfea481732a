package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A semantic comparison of two sets of service answers: per service, changed status, and cards and
 * system actions added, removed or changed (with field paths and old → new values).
 */
public record DiffResult(List<ServiceDiff> services) {

  public boolean same() {
    return services.stream().allMatch(ServiceDiff::same);
  }

  public enum Kind { SAME, ADDED, REMOVED, CHANGED }

  /**
   * One field that differs; {@code oldValue} or {@code newValue} is null when the field is absent
   * on that side. Paths are JSON pointers relative to the item (card, action) or response.
   */
  public record Change(String path, JsonNode oldValue, JsonNode newValue) {}

  /** A card or system action: its two versions (one is null when added or removed). */
  public record ItemDiff(Kind kind, JsonNode oldItem, JsonNode newItem, int oldIndex, int newIndex, List<Change> changes) {}

  /**
   * One service's comparison. {@code service} is null for plain responses compared directly.
   *
   * @param changes status, error and response fields other than cards and systemActions
   */
  public record ServiceDiff(String service, Kind kind, List<Change> changes, List<ItemDiff> cards, List<ItemDiff> systemActions) {
    public boolean same() {
      return kind == Kind.SAME;
    }
  }
}
