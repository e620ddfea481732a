package dev.cds.serve;

import com.sun.net.httpserver.HttpExchange;
import java.util.Optional;

/**
 * A check every CDS request must pass before it is served (e.g. the client JWT). A rejection
 * answers 401 without detail, as the spec asks; the reason goes to the server's log only.
 */
@FunctionalInterface
public interface RequestGate {
  /** The reason to reject, or empty to let the request through. {@code audience} is the URL called. */
  Optional<String> reject(HttpExchange exchange, String audience);
}
