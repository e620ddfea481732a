package dev.cds.conformance;

/** A request a check will send, listed before the run starts (and all that {@code --dry-run} shows). */
public record PlannedRequest(String method, String url, String purpose) {
  /** The same request {@code times} times, e.g. the timing check's repeated calls. */
  public static java.util.List<PlannedRequest> times(int times, String method, String url, String purpose) {
    return java.util.Collections.nCopies(Math.max(0, times), new PlannedRequest(method, url, purpose));
  }
}
