package dev.cds.prefetch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The FHIR reads of one cds run, shared by the fulfilment of every service's templates: each URL
 * is fetched once, and no more than a budget of URLs in all. A discovery listing thousands of
 * keys (or thousands of copies of one) then costs the FHIR server a bounded number of requests.
 */
final class Reads {
  private final int max;
  private final Map<String, Future<FhirResponse>> fetched = new HashMap<>();

  Reads(int max) {
    this.max = max;
  }

  int max() {
    return max;
  }

  /** The fetch of {@code url} made earlier in this run, or null. */
  synchronized Future<FhirResponse> earlier(String url) {
    return fetched.get(url);
  }

  /** The fetch of {@code url}: an earlier one, one begun now with {@code start}, or null once the budget is spent. */
  synchronized Future<FhirResponse> fetch(String url, Function<String, Future<FhirResponse>> start) {
    Future<FhirResponse> f = fetched.get(url);
    if (f == null && fetched.size() < max) {
      f = start.apply(url);
      fetched.put(url, f);
    }
    return f;
  }
}
