package dev.cds.client;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code Authorization} header value for a request cds is about to send, computed per request
 * because a CDS Hooks JWT's {@code aud} is the exact URL and its {@code jti} is fresh each time.
 */
@FunctionalInterface
public interface Authorizer {
  Authorizer NONE = new Authorizer() {
    @Override
    public Optional<String> authorization(String method, URI uri) {
      return Optional.empty();
    }
  };

  Optional<String> authorization(String method, URI uri);
}
