package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Extension;

/**
 * Checks one FHIR resource found at {@code pointer} in the document being validated. Public, as
 * are {@link Findings}' reporting methods and {@link Pointer}, for {@code HapiR4Content}: it ships
 * in the extension jar under a class loader of its own ({@link Extension}).
 */
public interface FhirContent {
  void check(String pointer, JsonNode resource, Findings out);

  /** The R4 checks by HAPI FHIR, loaded now (about a second: HAPI and the R4 model). */
  static FhirContent r4() {
    return Extension.create("dev.cds.validate.HapiR4Content", FhirContent.class, "FHIR validation");
  }
}
