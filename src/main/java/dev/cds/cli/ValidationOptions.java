package dev.cds.cli;

import dev.cds.call.CallSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Spec checks inside {@code cds call}, by the rules of {@code cds validate}: the request before it
 * is sent (errors stop the call), each response after (findings shown with the cards). FHIR
 * content (HAPI, about a second) only with {@code --validate-fhir}.
 */
public final class ValidationOptions {
  @Option(names = "--no-validate", description = "Send the request even when it breaks the spec.")
  boolean disabled;

  @Option(names = "--strict", description = "Exit 1 when a response breaks the spec (in a load run: any response).")
  boolean strict;

  @Option(names = "--validate-fhir", description = "Also parse FHIR resources in request and responses (loads HAPI).")
  boolean fhir;

  @Mixin SpecOption spec;

  CallSpec.Checks checks() {
    return new CallSpec.Checks(!disabled, fhir, strict, spec.version());
  }
}
