package dev.cds.hooks;

/**
 * The FHIR versions the hook library has examples in, as the catalog and the validator spell them
 * ({@link #name()}). R5 is not one: the library has no R5 examples.
 */
public enum FhirVersion {
  R4,
  STU3,
  DSTU2
}
