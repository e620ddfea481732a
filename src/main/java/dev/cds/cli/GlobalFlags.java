package dev.cds.cli;

import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, declared once on the root command and inherited by every
 * subcommand (picocli's {@link ScopeType#INHERIT}): {@code cds -v call …} and {@code cds call … -v}
 * set the same field. Commands read them through {@link GlobalOptions}.
 */
final class GlobalFlags {
  enum ColorMode { auto, always, never }

  /** The global options that take a value: {@link Main} steps over them to find the command name. */
  static final Set<String> WITH_VALUE = Set.of("--output", "--color", "--profile");
  /** The global options that take none. */
  static final Set<String> WITHOUT_VALUE = Set.of("--no-color", "-v", "--verbose", "--stacktrace");

  @Option(names = "--output", paramLabel = "pretty|json", scope = ScopeType.INHERIT,
      description = "Output format (default: pretty when stdout is a terminal, else json).")
  GlobalOptions.Format output;

  @Option(names = "--color", paramLabel = "auto|always|never", scope = ScopeType.INHERIT,
      description = "ANSI colours in pretty output (default: auto: on a terminal, unless NO_COLOR is"
          + " set or TERM=dumb; FORCE_COLOR forces them).")
  ColorMode color;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Same as --color=never.")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Show requests and responses on stderr (secrets redacted).")
  boolean verbose;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
  boolean stacktrace;

  /**
   * Declared so that picocli accepts it anywhere; {@link ProfileDefaults#selected} reads it from
   * the arguments, because the profile supplies the defaults that parsing itself applies.
   */
  @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "Take defaults from this profile of the config file (also CDS_PROFILE).")
  String profile;
}
