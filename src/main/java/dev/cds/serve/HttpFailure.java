package dev.cds.serve;

import java.util.Map;

/**
 * A request {@code cds serve} refuses: the status, the FHIR issue type and the text of the
 * OperationOutcome it answers with, plus any header the status calls for ({@code Allow},
 * {@code WWW-Authenticate}). Thrown by the endpoints, answered by {@link Guard}.
 */
final class HttpFailure extends RuntimeException {
  private final int status;
  private final String issueCode;
  private final Map<String, String> headers;

  HttpFailure(int status, String issueCode, String diagnostics) {
    this(status, issueCode, diagnostics, Map.of());
  }

  HttpFailure(int status, String issueCode, String diagnostics, Map<String, String> headers) {
    super(diagnostics, null, false, false);
    this.status = status;
    this.issueCode = issueCode;
    this.headers = headers;
  }

  int status() {
    return status;
  }

  String issueCode() {
    return issueCode;
  }

  Map<String, String> headers() {
    return headers;
  }

  static HttpFailure notFound(String diagnostics) {
    return new HttpFailure(404, "not-found", diagnostics);
  }

  static HttpFailure methodNotAllowed(String allow, String diagnostics) {
    return new HttpFailure(405, "not-supported", diagnostics, Map.of("Allow", allow));
  }
}
