package dev.cds.prefetch;

import java.io.IOException;
import java.time.Duration;

/**
 * Where prefetch data comes from: a FHIR server ({@link RemoteFhirSource}) or resources on disk
 * ({@link ResourceStore}). Both answer a relative URL such as {@code Patient/1} or
 * {@code Coverage?patient=1&status=active} the way a FHIR server would.
 */
public interface FhirSource {
  /** Answers one read or search; an IOException means no answer at all (network, timeout). */
  FhirResponse get(String relativeUrl, Duration timeout) throws IOException;

  /** For reports: the server's base URL or the file the resources came from. */
  String describe();
}
