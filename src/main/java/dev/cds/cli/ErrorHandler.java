package dev.cds.cli;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Sanitizer;
import java.io.PrintWriter;
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
  private final boolean stacktrace;

  ErrorHandler(boolean stacktrace) {
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
    err.println("cds: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCode.USAGE;
  }

  int report(Throwable ex, PrintWriter err) {
    int code;
    String message;
    if (ex instanceof CdsException cds) {
      code = cds.exitCode();
      message = cds.getMessage();
    } else if (ex instanceof java.io.UncheckedIOException io) {
      code = ExitCode.BAD_INPUT;
      message = io.getCause().getMessage();
    } else {
      code = ExitCode.SERVICE;
      message = "internal error: " + ex + " (please report it; run with --stacktrace for details)";
    }
    // messages quote what services and files said: the last line of defence for the terminal
    err.println("cds: " + Sanitizer.text(message));
    if (stacktrace) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
