package dev.cds.conformance;

import static dev.cds.conformance.LoopbackService.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback CDS service that keeps every rule {@code cds test} checks, except the one
 * {@link Fault} it is told to break: each check is shown able to fail, and to fail alone.
 * One patient-view service ({@code reminders}, prefetch {@code patient}); requests need a CDS
 * Hooks JWT signed by the trusted EC key, when one is given.
 */
final class RuleBreaker implements AutoCloseable {
  enum Fault {
    NONE,
    DISCOVERY_STATUS,
    DISCOVERY_INVALID,
    TEMPLATE_INVALID,
    TEMPLATE_RESTRICTED,
    NO_CORS,
    UNKNOWN_ID_ANSWERED,
    MALFORMED_JSON_500,
    WRONG_HOOK_ANSWERED,
    MISSING_PREFETCH_500,
    INVALID_RESPONSE,
    NO_FEEDBACK,
    SLOW,
    ACCEPTS_NO_JWT,
    ACCEPTS_OTHER_AUDIENCE,
    ACCEPTS_EXPIRED,
    ACCEPTS_ALG_NONE,
    ACCEPTS_UNKNOWN_KEY,
    ACCEPTS_REPLAY,
    REFUSES_VALID_JWT,
    ERRORS_WITHOUT_OUTCOME
  }

  static final String SERVICE = "reminders";
  static final int SLOW_MILLIS = 300;

  private final Fault fault;
  private final ECPublicKey trusted;
  private final LoopbackService http;
  private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
  final AtomicInteger requests = new AtomicInteger();

  /** @param trusted the public key a JWT must be signed with, or null for a service that asks for none */
  RuleBreaker(Fault fault, ECPublicKey trusted) throws IOException {
    this.fault = fault;
    this.trusted = trusted;
    http = new LoopbackService(this::handle);
  }

  String base() {
    return http.base();
  }

  @Override
  public void close() {
    http.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (method.equals("OPTIONS")) {
        if (fault != Fault.NO_CORS) {
          LoopbackService.allowCors(ex);
        }
        ex.sendResponseHeaders(fault == Fault.NO_CORS ? 405 : 204, -1);
        return;
      }
      if (trusted != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"), base() + path)) {
        send(ex, 401, outcome("login", "a valid CDS Hooks JWT is required"));
        return;
      }
      if (path.equals("/cds-services")) {
        if (fault == Fault.DISCOVERY_STATUS) {
          send(ex, 500, outcome("exception", "discovery is down"));
        } else {
          send(ex, 200, discovery());
        }
        return;
      }
      if (path.equals("/cds-services/" + SERVICE + "/feedback")) {
        send(ex, fault == Fault.NO_FEEDBACK ? 404 : 200, fault == Fault.NO_FEEDBACK ? outcome("not-found", "no feedback") : null);
        return;
      }
      if (!path.equals("/cds-services/" + SERVICE)) {
        send(ex, fault == Fault.UNKNOWN_ID_ANSWERED ? 200 : 404,
            fault == Fault.UNKNOWN_ID_ANSWERED ? cards() : outcome("not-found", "no such service"));
        return;
      }
      call(ex, body);
    }
  }

  private void call(HttpExchange ex, byte[] body) throws IOException {
    JsonNode request;
    try {
      request = Json.parse(body, "request");
    } catch (CdsException e) {
      send(ex, fault == Fault.MALFORMED_JSON_500 ? 500 : 400, outcome("invalid", "not JSON"));
      return;
    }
    if (!"patient-view".equals(request.path("hook").asText()) && fault != Fault.WRONG_HOOK_ANSWERED) {
      send(ex, 400, outcome("invalid", "this service answers patient-view"));
      return;
    }
    // with a broken template no client can send the key: the service copes without it
    if (!request.path("prefetch").has("patient") && !request.has("fhirServer") && fault != Fault.TEMPLATE_INVALID) {
      send(ex, fault == Fault.MISSING_PREFETCH_500 ? 500 : 412, outcome("processing", "prefetch 'patient' is missing"));
      return;
    }
    if (fault == Fault.SLOW) {
      LoopbackService.pause(SLOW_MILLIS);
    }
    send(ex, 200, cards());
  }

  private boolean authorized(String header, String audience) {
    if (fault == Fault.REFUSES_VALID_JWT) {
      return false;
    }
    if (header == null || !header.startsWith("Bearer ")) {
      return fault == Fault.ACCEPTS_NO_JWT;
    }
    try {
      JWT jwt = JWTParser.parse(header.substring(7));
      if (jwt instanceof PlainJWT) {
        return fault == Fault.ACCEPTS_ALG_NONE;
      }
      SignedJWT signed = (SignedJWT) jwt;
      if (fault != Fault.ACCEPTS_UNKNOWN_KEY && !signed.verify(new ECDSAVerifier(trusted))) {
        return false;
      }
      var claims = signed.getJWTClaimsSet();
      if (fault != Fault.ACCEPTS_OTHER_AUDIENCE && !claims.getAudience().contains(audience)) {
        return false;
      }
      if (fault != Fault.ACCEPTS_EXPIRED && !claims.getExpirationTime().after(new Date())) {
        return false;
      }
      return seenJti.add(claims.getJWTID()) || fault == Fault.ACCEPTS_REPLAY;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode discovery() {
    var service = Json.object();
    service.put("hook", "patient-view");
    service.put("id", SERVICE);
    service.put("title", "Reminders");
    if (fault != Fault.DISCOVERY_INVALID) {
      service.put("description", "Care gaps when a chart is opened");
    }
    var prefetch = service.putObject("prefetch");
    prefetch.put("patient", fault == Fault.TEMPLATE_INVALID ? "Patient/{{context.patientId" : "Patient/{{context.patientId}}");
    if (fault == Fault.TEMPLATE_RESTRICTED) {
      // :text is a modifier the query restrictions do not list
      prefetch.put("conditions", "Condition?patient={{context.patientId}}&code:text=diabetes");
    }
    var doc = Json.object();
    doc.putArray("services").add(service);
    return doc;
  }

  private JsonNode cards() {
    var card = Json.object();
    card.put("uuid", java.util.UUID.randomUUID().toString());
    if (fault != Fault.INVALID_RESPONSE) {
      card.put("summary", "Flu shot due");
    }
    card.put("indicator", "info");
    card.putObject("source").put("label", "Reminders");
    var response = Json.object();
    response.putArray("cards").add(card);
    return response;
  }

  private JsonNode outcome(String code, String text) {
    return fault == Fault.ERRORS_WITHOUT_OUTCOME ? null : dev.cds.core.OperationOutcomes.error(code, text);
  }
}
