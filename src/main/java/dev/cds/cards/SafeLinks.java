package dev.cds.cards;

import java.util.Locale;

/** Stand-in until the core URL check lands: javascript:, data: and file: are never links. */
final class SafeLinks {
  private SafeLinks() {}

  static boolean safe(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT).replaceAll("[\\x00-\\x20]", "");
    return !(u.startsWith("javascript:") || u.startsWith("data:") || u.startsWith("file:") || u.startsWith("vbscript:"));
  }
}
