package dev.cds.core;

/**
 * What a failure can point the user at, named by what it is. The command layer spells each as
 * its option (so only it knows flag names, and a renamed flag cannot leave a message stale);
 * anyone else gets the words.
 */
public enum Setting {
  BASE("the base URL"),
  SERVICE("the service choice"),
  CONTEXT("a context file"),
  REQUEST("a request file"),
  SET("the override"),
  FHIR_VERSION("the FHIR version"),
  TIMEOUT("the timeout"),
  CA_CERT("a CA certificate file"),
  INSECURE("no TLS verification"),
  KEY("a signing key"),
  ISSUER("an issuer"),
  JKU("the JWK Set URL"),
  JWKS("the JWK Set URL"),
  ALG("the key algorithm"),
  OUT("another output file"),
  FORCE("replacing the file"),
  SMART_TOKEN_URL("the SMART token endpoint"),
  SMART_DISCOVERY("the SMART FHIR base URL"),
  CLIENT_ID("the SMART client id"),
  SCOPE("the SMART scopes"),
  FHIR_SERVER("a FHIR server"),
  FHIR_TOKEN("a FHIR access token"),
  FHIR_DATA("local FHIR data"),
  PREFETCH("ready prefetch"),
  NO_PREFETCH("no prefetch"),
  PREFETCH_TOKENS("the prefetch token rules"),
  PORT("the port"),
  FAIL_ON("the failing level"),
  EXPECT("the saved answer"),
  IGNORE("an ignored path"),
  INTERACTIVE("interactive feedback"),
  SUGGESTION("the accepted suggestion"),
  OUTCOME("the feedback outcome"),
  REASON_CODE("the override reason code"),
  REASON_SYSTEM("the override reason system");

  private final String words;

  Setting(String words) {
    this.words = words;
  }

  /** The setting in plain words, for messages read outside the command line. */
  public String words() {
    return words;
  }
}
