package dev.cds.cli;

import dev.cds.core.CdsException;
import dev.cds.core.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --timeout 2}, {@code 2s}, {@code 500ms}, {@code 1m} as a {@link Duration}, checked while
 * the command line is parsed (exit 2 naming the option, before anything is sent).
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (CdsException e) {
      throw new TypeConversionException("not a duration: use seconds or a unit, e.g. 2, 2s, 500ms, 1m");
    }
  }
}
