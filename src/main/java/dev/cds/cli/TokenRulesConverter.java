package dev.cds.cli;

import dev.cds.core.CdsException;
import dev.cds.prefetch.TokenRules;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --prefetch-tokens 2.0|crd|fhirpath|all}: labels that are not Java names, hence not a plain enum option. */
final class TokenRulesConverter implements ITypeConverter<TokenRules> {
  @Override
  public TokenRules convert(String value) {
    try {
      return TokenRules.parse(value);
    } catch (CdsException e) {
      throw new TypeConversionException("not a token rule set: use 2.0, crd, fhirpath or all");
    }
  }
}
