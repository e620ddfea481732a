package dev.cds.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.model.ServiceOutcome;
import dev.cds.validate.Finding;

/**
 * The JSON form of one service's part of a call, as {@code cds call HOOK --output json} prints it
 * (one per line): {@code {service, hook, hookVersion, status, elapsedMs, body | error, findings}}.
 * Findings carry {@code "in": "request"} or {@code "in": "response"}. {@code cds render},
 * {@code cds diff}, {@code --expect} and {@code cds validate} read these back.
 */
public final class Envelopes {
  private Envelopes() {}

  public static ObjectNode of(ServiceCall c) {
    ServiceOutcome o = c.outcome();
    ObjectNode n = Json.object();
    n.put("service", c.service().id());
    n.put("hook", c.service().hook());
    if (c.version().version() != null) {
      n.put("hookVersion", c.version().version());
    }
    n.put("status", o.status());
    n.put("elapsedMs", o.elapsedMillis());
    if (o.failed()) {
      n.put("error", o.error());
    } else {
      n.set("body", o.body());
    }
    ArrayNode findings = n.putArray("findings");
    for (Finding f : c.requestFindings()) {
      findings.add(json(f, "request"));
    }
    for (Finding f : c.responseFindings()) {
      findings.add(json(f, "response"));
    }
    return n;
  }

  private static ObjectNode json(Finding f, String in) {
    ObjectNode n = f.toJson();
    n.put("in", in);
    return n;
  }
}
