package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /cds-services}: discovery, hook calls answered from {@link ServiceDefinition}s, and
 * feedback. Each request passes, in order: the path, CORS preflight, the declared body size, the
 * gates (401), the method, the media type, the body read within the size limit; only then does
 * it take a worker (see {@link Workers}).
 */
final class ServiceEndpoint implements HttpHandler {
  static final String PATH = "/cds-services";
  private static final String UNAUTHORIZED =
      "a valid CDS Hooks JWT is required (Authorization: Bearer); the server's log says what was wrong";

  private final Map<String, ServiceDefinition> services;
  private final List<RequestGate> gates;
  private final Recorder recorder;
  private final ServerLog log;
  private final Workers workers;
  private final String publicUrl;
  private final int maxRequestBytes;
  /** Reply bodies serialised once: under load a service answers the same bytes thousands of times. */
  private final Map<JsonNode, byte[]> replyBytes = new IdentityHashMap<>();
  private final byte[] discovery;
  private final Clock clock;
  /** The CDS Hooks version discovery speaks. */
  private final SpecVersion spec;

  /** {@code publicUrl}: the base URL clients call, which a JWT's {@code aud} must name. */
  ServiceEndpoint(Map<String, ServiceDefinition> services, List<RequestGate> gates, Recorder recorder,
      ServerLog log, Workers workers, String publicUrl, int maxRequestBytes, Clock clock, SpecVersion spec) {
    this.clock = clock;
    this.spec = spec;
    this.services = services;
    this.gates = gates;
    this.recorder = recorder;
    this.log = log;
    this.workers = workers;
    this.publicUrl = publicUrl;
    this.maxRequestBytes = maxRequestBytes;
    for (ServiceDefinition d : services.values()) {
      serialise(d.response());
      d.rules().forEach(r -> serialise(r.reply()));
    }
    this.discovery = Json.compact(discoveryDocument()).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code /cds-services} (discovery) or {@code /cds-services/ID[/feedback]}. */
  private record Route(String serviceId, boolean feedback) {
    static Optional<Route> of(String path) {
      String p = path.replaceAll("/+$", "");
      if (p.equals(PATH)) {
        return Optional.of(new Route(null, false));
      }
      if (!p.startsWith(PATH + "/")) {
        return Optional.empty();
      }
      String[] parts = p.substring(PATH.length() + 1).split("/", -1);
      if (parts[0].isEmpty() || parts.length > 2 || (parts.length == 2 && !parts[1].equals("feedback"))) {
        return Optional.empty();
      }
      return Optional.of(new Route(parts[0], parts.length == 2));
    }

    String methods() {
      return serviceId == null ? "GET, OPTIONS" : "POST, OPTIONS";
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Cors.allowAnyOrigin(ex);
    String path = ex.getRequestURI().getPath();
    Route route = Route.of(path).orElseThrow(() -> HttpFailure.notFound(
        "no such endpoint: discovery is GET /cds-services, a service POST /cds-services/{id}"));
    String method = ex.getRequestMethod();
    if (method.equals("OPTIONS")) {
      Cors.preflight(ex, route.methods());
      return;
    }
    RequestBodies.checkDeclaredLength(ex, maxRequestBytes);
    checkGates(ex, method, path);
    if (route.serviceId() == null) {
      if (!method.equals("GET")) {
        throw HttpFailure.methodNotAllowed(route.methods(), "discovery is GET /cds-services");
      }
      workers.run(() -> Replies.bytes(ex, 200, discovery));
      return;
    }
    ServiceDefinition service = services.get(route.serviceId());
    if (service == null) {
      throw HttpFailure.notFound("no service '" + route.serviceId() + "' here; GET /cds-services lists them");
    }
    if (!method.equals("POST")) {
      throw HttpFailure.methodNotAllowed(route.methods(), "call a service with POST");
    }
    RequestBodies.requireJson(ex);
    byte[] body = RequestBodies.read(ex, maxRequestBytes);
    workers.run(() -> {
      if (route.feedback()) {
        feedback(ex, service, parse(body, "feedback body"));
      } else {
        call(ex, service, parse(body, "request body"));
      }
    });
  }

  private void checkGates(HttpExchange ex, String method, String path) {
    String audience = publicUrl + ex.getRequestURI().getRawPath();
    for (RequestGate gate : gates) {
      Optional<String> reason = gate.reject(ex, audience);
      if (reason.isPresent()) {
        log.line("rejected " + method + " " + path + ": " + reason.get());
        throw new HttpFailure(401, "login", UNAUTHORIZED, Map.of("WWW-Authenticate", "Bearer"));
      }
    }
  }

  private static JsonNode parse(byte[] body, String what) {
    try {
      return Json.parse(body, what);
    } catch (CdsException e) {
      throw new HttpFailure(400, "invalid", e.getMessage());
    }
  }

  private void call(HttpExchange ex, ServiceDefinition service, JsonNode request) throws IOException {
    if (!request.isObject() || !request.path("context").isObject()) {
      throw new HttpFailure(400, "required", "a hook request is a JSON object with hook, hookInstance and context");
    }
    String hook = request.path("hook").asText();
    if (!hook.equals(service.hook())) {
      throw new HttpFailure(400, "invalid", "service " + service.id() + " answers hook " + service.hook()
          + ", not '" + hook + "'");
    }
    if (recorder != null) {
      recorder.hookRequest(service.id(), request.path("hookInstance").asText("no-instance"), request);
    }
    ServiceDefinition.Reply reply = service.rules().stream()
        .filter(r -> RuleMatcher.matches(r.when(), request))
        .map(ServiceDefinition.Rule::reply)
        .findFirst()
        .orElse(service.response());
    reply = service.shape(reply, request, clock);
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if ((reply.body() == null || reply.body().isNull()) && reply.status() >= 400) {
      Replies.json(ex, reply.status(), OperationOutcomes.error("processing", "service " + service.id()
          + " answers HTTP " + reply.status() + " (its definition gives no body)"));
      return;
    }
    byte[] cached = reply.body() == null ? null : replyBytes.get(reply.body());
    // a shaped reply (annotations, drops, card limit) is made for this request: not in the cache
    Replies.bytes(ex, reply.status(), cached != null || reply.body() == null ? cached
        : Json.compact(reply.body()).getBytes(StandardCharsets.UTF_8));
  }

  private void feedback(HttpExchange ex, ServiceDefinition service, JsonNode body) throws IOException {
    if (!body.path("feedback").isArray()) {
      throw new HttpFailure(400, "required", "feedback is {\"feedback\": [ … ]}");
    }
    if (recorder != null) {
      recorder.feedback(service.id(), body);
    }
    Replies.bytes(ex, 200, null);
  }

  private void serialise(ServiceDefinition.Reply reply) {
    if (reply.body() != null) {
      replyBytes.put(reply.body(), Json.compact(reply.body()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private ObjectNode discoveryDocument() {
    ObjectNode doc = Json.object();
    ArrayNode list = doc.putArray("services");
    services.values().forEach(s -> list.add(s.discoveryEntry(spec)));
    return doc;
  }
}
