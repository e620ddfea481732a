package dev.cds.http;

import java.io.IOException;

/**
 * Sends one HTTP request. The one seam between cds and the network: tests pass a transport bound
 * to loopback servers, the CLI passes {@link UrlConnectionTransport}.
 */
@FunctionalInterface
public interface Transport {
  HttpResult send(HttpCall call) throws IOException;
}
