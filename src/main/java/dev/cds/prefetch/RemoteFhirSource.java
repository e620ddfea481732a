package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.Transport;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** A FHIR server reached over the cds {@link Transport}, with an optional bearer token. */
public final class RemoteFhirSource implements FhirSource {
  private final Transport transport;
  private final String base;
  private final String token;

  /** {@code token} may be null; it is sent as {@code Authorization: Bearer …} and never printed. */
  public RemoteFhirSource(Transport transport, String baseUrl, String token) {
    this.transport = transport;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  @Override
  public FhirResponse get(String relativeUrl, Duration timeout) throws IOException {
    URI uri;
    try {
      uri = URI.create(base + "/" + relativeUrl);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a valid URL: " + base + "/" + relativeUrl, e);
    }
    HttpCall call = HttpCall.get(uri, timeout).withHeader("Accept", "application/fhir+json, application/json");
    if (token != null) {
      call = call.withHeader("Authorization", "Bearer " + token);
    }
    HttpResult result = transport.send(call);
    return new FhirResponse(result.status(), parse(result));
  }

  private static JsonNode parse(HttpResult result) {
    if (result.body() == null || result.body().length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(result.body());
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String describe() {
    return base;
  }
}
