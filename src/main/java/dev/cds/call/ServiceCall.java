package dev.cds.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.hooks.VersionChoice;
import dev.cds.model.Service;
import dev.cds.model.ServiceOutcome;
import dev.cds.prefetch.PrefetchResult;
import dev.cds.validate.Finding;
import java.util.List;

/**
 * One service's part of a call: what was sent and why, and what came back.
 *
 * @param service the discovery entry
 * @param version the hook version the request was built and checked against
 * @param request the request body (prefetch merged in)
 * @param prefetch the per-key prefetch report
 * @param requestFindings the request's findings
 * @param outcome status, elapsed time, body or failure; null when not sent (dry run, blocked)
 * @param responseFindings the response's findings (empty when nothing came back)
 */
public record ServiceCall(
    Service service,
    VersionChoice version,
    ObjectNode request,
    PrefetchResult prefetch,
    List<Finding> requestFindings,
    ServiceOutcome outcome,
    List<Finding> responseFindings) {

  public boolean sent() {
    return outcome != null;
  }

  public boolean failed() {
    return outcome != null && outcome.failed();
  }

  public boolean requestHasErrors() {
    for (Finding f : requestFindings) {
      if (f.isError()) {
        return true;
      }
    }
    return false;
  }

  ServiceCall withOutcome(ServiceOutcome o, List<Finding> findings) {
    return new ServiceCall(service, version, request, prefetch, requestFindings, o, List.copyOf(findings));
  }
}
