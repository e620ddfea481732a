package dev.cds.core;

import java.util.Locale;

/** English for messages that put a word from data after an article: "an order-sign service". */
public final class Grammar {
  /** Initials whose letter names start with a vowel sound: "an RSA key", "an HTTP URL". */
  private static final String VOWEL_SOUND_INITIALS = "AEFHILMNORSX";

  private Grammar() {}

  /** "a" or "an", then {@code word}. */
  public static String withArticle(String word) {
    if (word == null || word.isEmpty()) {
      return "a " + word;
    }
    char first = word.charAt(0);
    boolean initialism = word.length() > 1 && Character.isUpperCase(word.charAt(1)) && Character.isUpperCase(first);
    boolean vowel = initialism
        ? VOWEL_SOUND_INITIALS.indexOf(first) >= 0
        : "aeiou".indexOf(Character.toLowerCase(first)) >= 0 && !word.toLowerCase(Locale.ROOT).startsWith("uni");
    return (vowel ? "an " : "a ") + word;
  }
}
