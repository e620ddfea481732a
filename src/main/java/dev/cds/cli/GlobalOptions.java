package dev.cds.cli;

import picocli.CommandLine.Option;

/** Options every command takes: output format, colour, verbosity, stack traces. */
public final class GlobalOptions {
  public enum Format { pretty, json }

  @Option(
      names = "--output",
      paramLabel = "pretty|json",
      description = "Output format (default: pretty on a terminal, json when stdout is a pipe).")
  Format output;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show requests and responses on stderr (secrets redacted).")
  boolean verbose;

  @Option(names = "--stacktrace", description = "Print the stack trace of a failure.")
  boolean stacktrace;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Take defaults from this profile of the config file (also CDS_PROFILE).")
  String profile;

  public boolean json(CliContext ctx) {
    return output == null ? !ctx.stdoutIsTerminal() : output == Format.json;
  }

  public boolean color(CliContext ctx) {
    return !noColor && ctx.env("NO_COLOR") == null && ctx.stdoutIsTerminal() && !json(ctx);
  }

  public boolean verbose() {
    return verbose;
  }
}
