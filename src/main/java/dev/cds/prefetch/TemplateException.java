package dev.cds.prefetch;

/**
 * A prefetch template cds cannot use: unbalanced braces, an unknown function, a token the chosen
 * rule set does not allow. Reported for its key and the key is skipped; never fatal to a call.
 */
public final class TemplateException extends Exception {
  public TemplateException(String message) {
    super(message);
  }
}
