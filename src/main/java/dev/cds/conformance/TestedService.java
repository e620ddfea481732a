package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.call.ServiceCall;
import dev.cds.core.RandomIds;
import dev.cds.model.Service;

/**
 * A service under test and the request cds generated for it.
 *
 * @param call the prepared call (request, prefetch report, request findings), or null when cds
 *     cannot build a request for the service
 * @param unavailable why there is no request, or null
 * @param crd whether the CRD suite runs for it
 */
public record TestedService(Service service, ServiceCall call, String unavailable, boolean crd) {
  public String id() {
    return service.id();
  }

  public String hook() {
    return service.hook();
  }

  public boolean testable() {
    return call != null;
  }

  /** A copy of the generated request with a fresh hookInstance: each call is its own invocation. */
  public ObjectNode request() {
    ObjectNode copy = call.request().deepCopy();
    copy.put("hookInstance", RandomIds.uuid().toString());
    return copy;
  }
}
