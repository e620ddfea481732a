package dev.cds.core;

/**
 * A failure the user can act on: its message is the one line printed on stderr, its exit code
 * comes from the {@link ExitCode} table.
 */
public class CdsException extends RuntimeException {
  private final int exitCode;

  public CdsException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CdsException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Wrong use of the command line: unknown names, conflicting options (exit 2). */
  public static CdsException usage(String message) {
    return new CdsException(ExitCode.USAGE, message);
  }

  /** An input file that cannot be read or understood (exit 3). */
  public static CdsException badInput(String message) {
    return new CdsException(ExitCode.BAD_INPUT, message);
  }

  public static CdsException badInput(String message, Throwable cause) {
    return new CdsException(ExitCode.BAD_INPUT, message, cause);
  }

  /** The service or the network failed (exit 4). */
  public static CdsException service(String message) {
    return new CdsException(ExitCode.SERVICE, message);
  }

  public static CdsException service(String message, Throwable cause) {
    return new CdsException(ExitCode.SERVICE, message, cause);
  }
}
