package dev.cds.cli;

import dev.cds.client.RequestBuilder;
import picocli.CommandLine.Option;

/** The EHR's FHIR server as the request announces it: {@code fhirServer} and {@code fhirAuthorization}. */
public final class FhirOptions {
  @Option(names = "--fhir-server", paramLabel = "URL", description = "fhirServer of the request (and where prefetch is fetched).")
  String server;

  @Option(names = "--fhir-token", paramLabel = "TOKEN", description = "Access token handed to the service in fhirAuthorization.")
  String token;

  @Option(names = "--fhir-scope", paramLabel = "SCOPES", description = "fhirAuthorization.scope (default: user/*.read).")
  String scope;

  @Option(names = "--fhir-subject", paramLabel = "CLIENT_ID", description = "fhirAuthorization.subject: the service's client id.")
  String subject;

  @Option(names = "--fhir-expires-in", paramLabel = "SECONDS", description = "fhirAuthorization.expires_in (default: 300).")
  Integer expiresIn;

  @Option(names = "--fhir-patient", paramLabel = "ID", description = "fhirAuthorization.patient (for patient/ scopes).")
  String patient;

  public RequestBuilder.FhirAccess access() {
    return new RequestBuilder.FhirAccess(server, token, scope, subject, expiresIn, patient);
  }

  public String server() {
    return server;
  }

  public String token() {
    return token;
  }
}
