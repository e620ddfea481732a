package dev.cds.cli;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Sanitizer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become output: a single line on stderr and the exit code of the table.
 * Stack traces only with {@code --stacktrace}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final BooleanSupplier stacktrace;

  /** @param stacktrace asked when a failure is reported: whether {@code --stacktrace} was given */
  ErrorHandler(BooleanSupplier stacktrace) {
    this.stacktrace = stacktrace;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    return report(ex, cmd.getErr());
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    if (ex.getCause() instanceof CdsException cause) {
      return report(cause, err);
    }
    return print(ExitCode.USAGE, UsageErrors.describe(ex), ex, err);
  }

  /** Any failure: typed ones by their own code and message; anything else is a bug in cds (exit 70). */
  int report(Throwable ex, PrintWriter err) {
    if (ex instanceof CdsException cds) {
      return print(cds.exitCode(), cds.message(SettingNames::flag), ex, err);
    }
    if (ex instanceof UncheckedIOException io) {
      return print(ExitCode.BAD_INPUT, io.getCause().getMessage(), ex, err);
    }
    if (ex instanceof OutOfMemoryError) {
      return print(ExitCode.INTERNAL, "out of memory: give Java more (JAVA_OPTS=-Xmx2g) and, if the input"
          + " was not huge, please report it", ex, err);
    }
    return print(ExitCode.INTERNAL, "internal error, please report it (a bug in cds, not in the service): "
        + String.valueOf(ex).replaceAll("\\s+", " ") + (stacktrace.getAsBoolean() ? "" : "; --stacktrace shows where"), ex, err);
  }

  private int print(int code, String message, Throwable ex, PrintWriter err) {
    // messages quote what services and files said: the last line of defence for the terminal
    err.println("cds: " + Sanitizer.text(message));
    if (stacktrace.getAsBoolean()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
