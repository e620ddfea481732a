package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A card's urgency. Ordered from most to least urgent: the display order. */
public enum Indicator {
  CRITICAL("31"),
  WARNING("33"),
  INFO("34");

  private final String colour;

  Indicator(String colour) {
    this.colour = colour;
  }

  /** The wire word: {@code critical}, {@code warning}, {@code info}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  String colour() {
    return colour;
  }

  /** True when this level is at least as urgent as {@code threshold}. */
  public boolean atLeast(Indicator threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /**
   * The indicator a card carries, or null when it is missing or unknown. Pre-1.0 {@code hard-stop}
   * reads as critical (the renderer still warns about it).
   */
  public static Indicator of(JsonNode card) {
    JsonNode n = card.path("indicator");
    return n.isTextual() ? parse(n.asText()) : null;
  }

  public static Indicator parse(String word) {
    return switch (word) {
      case "critical", "hard-stop" -> CRITICAL;
      case "warning" -> WARNING;
      case "info" -> INFO;
      default -> null;
    };
  }

  /** Sort rank for display: unknown indicators go after info. */
  static int rank(JsonNode card) {
    Indicator i = card.isObject() ? of(card) : null;
    return i == null ? values().length : i.ordinal();
  }
}
