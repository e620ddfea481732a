package dev.cds.core;

/** The one exit-code table every command keeps (printed in {@code --help}). */
public final class ExitCode {
  public static final int OK = 0;
  /** Findings: a diff differs, {@code --fail-on}/{@code --expect} hit, validation errors. */
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  /** The service or the network failed. */
  public static final int SERVICE = 4;
  /**
   * Internal error: an exception cds did not expect, a bug in cds. Apart from 4 so that CI does not
   * read a cds bug as a service outage; 70 is sysexits' EX_SOFTWARE.
   */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
