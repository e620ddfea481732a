package dev.cds.cli;

import dev.cds.core.Setting;

/** How the command line spells the settings that failures point at: as its options. */
final class SettingNames {
  private SettingNames() {}

  static String flag(Setting s) {
    return switch (s) {
      case BASE -> "--base";
      case SERVICE -> "--service";
      case CONTEXT -> "--context";
      case REQUEST -> "--request";
      case SET -> "--set";
      case FHIR_VERSION -> "--fhir-version";
      case TIMEOUT -> "--timeout";
      case CA_CERT -> "--cacert";
      case INSECURE -> "--insecure";
      case KEY -> "--key";
      case ISSUER -> "--iss";
      case JKU -> "--jku";
      case JWKS -> "--jwks";
      case ALG -> "--alg";
      case OUT -> "--out";
      case FORCE -> "--force";
      case SMART_TOKEN_URL -> "--smart-token-url";
      case SMART_DISCOVERY -> "--smart-discovery";
      case CLIENT_ID -> "--client-id";
      case SCOPE -> "--scope";
      case FHIR_SERVER -> "--fhir-server";
      case FHIR_TOKEN -> "--fhir-token";
      case FHIR_DATA -> "--fhir-data";
      case PREFETCH -> "--prefetch";
      case NO_PREFETCH -> "--no-prefetch";
      case PREFETCH_TOKENS -> "--prefetch-tokens";
      case PORT -> "--port";
      case FAIL_ON -> "--fail-on";
      case EXPECT -> "--expect";
      case IGNORE -> "--ignore";
      case INTERACTIVE -> "--interactive";
      case SUGGESTION -> "--suggestion";
      case OUTCOME -> "--outcome";
      case REASON_CODE -> "--reason-code";
      case REASON_SYSTEM -> "--reason-system";
    };
  }
}
