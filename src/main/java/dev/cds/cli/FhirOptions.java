package dev.cds.cli;

import picocli.CommandLine.Option;

/** The EHR's FHIR server: where prefetch is fetched from (and, for cds call, the request's fhirServer). */
public final class FhirOptions {
  @Option(names = "--fhir-server", paramLabel = "URL",
      description = "FHIR server base URL to fetch prefetch from.")
  String fhirServer;

  @Option(names = "--fhir-token", paramLabel = "TOKEN",
      description = "Bearer token for --fhir-server (also $CDS_FHIR_TOKEN); never printed.")
  String fhirToken;

  public String fhirServer() {
    return fhirServer;
  }

  public String fhirToken(CliContext ctx) {
    return fhirToken != null ? fhirToken : ctx.env("CDS_FHIR_TOKEN");
  }
}
