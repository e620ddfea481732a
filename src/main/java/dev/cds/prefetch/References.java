package dev.cds.prefetch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splitting FHIR references ({@code Type/id}, absolute URLs, {@code _history}) into type and id. */
final class References {
  private static final Pattern REF =
      Pattern.compile("(?:.*/)?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?");

  private References() {}

  /** {@code [type, id]}, or null for contained ({@code #x}), logical or malformed references. */
  static String[] typeAndId(String reference) {
    if (reference == null || reference.startsWith("#")) {
      return null;
    }
    Matcher m = REF.matcher(reference);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }
}
