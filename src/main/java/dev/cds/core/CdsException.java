package dev.cds.core;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure the user can act on: its message is the one line printed on stderr, its exit code
 * comes from the {@link ExitCode} table. A message may be a template with arguments
 * {@code {0}}, {@code {1}} …: a {@link Setting} argument is named by whoever prints the message
 * (the command line: as its option; anyone else: in words, {@link #getMessage}), so code outside
 * the command layer never spells a flag; any other argument (what the user typed, a file name)
 * goes in as it is, never read as a placeholder.
 */
public class CdsException extends RuntimeException {
  private static final Pattern REF = Pattern.compile("\\{(\\d)}");

  private final int exitCode;
  private final List<Object> args;

  public CdsException(int exitCode, String message) {
    this(exitCode, message, (Throwable) null);
  }

  public CdsException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, cause, List.of());
  }

  private CdsException(int exitCode, String template, Throwable cause, List<Object> args) {
    super(template, cause);
    this.exitCode = exitCode;
    this.args = args;
  }

  /** For failures of a kind of their own, from a template (see {@link #usage(String, Object...)}). */
  protected CdsException(int exitCode, Throwable cause, String template, Object... args) {
    this(exitCode, template, cause, Arrays.asList(args.clone()));
  }

  public int exitCode() {
    return exitCode;
  }

  /** The message with each setting in words. */
  @Override
  public String getMessage() {
    return message(Setting::words);
  }

  /** The message with each setting named by {@code names} (the command line: its option). */
  public String message(Function<Setting, String> names) {
    String template = super.getMessage();
    if (args.isEmpty() || template == null) {
      return template;
    }
    Matcher m = REF.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int i = m.group(1).charAt(0) - '0';
      Object arg = i < args.size() ? args.get(i) : m.group();
      String text = arg instanceof Setting setting ? names.apply(setting) : String.valueOf(arg);
      m.appendReplacement(sb, Matcher.quoteReplacement(text));
    }
    return m.appendTail(sb).toString();
  }

  /** Wrong use of the command line: unknown names, conflicting options (exit 2). */
  public static CdsException usage(String message) {
    return new CdsException(ExitCode.USAGE, message);
  }

  /** Wrong use, from a template: {@code usage("{1} needs {0}", Setting.ISSUER, what)}. */
  public static CdsException usage(String template, Object... args) {
    return new CdsException(ExitCode.USAGE, template, null, Arrays.asList(args.clone()));
  }

  /** An input file that cannot be read or understood (exit 3). */
  public static CdsException badInput(String message) {
    return new CdsException(ExitCode.BAD_INPUT, message);
  }

  public static CdsException badInput(String message, Throwable cause) {
    return new CdsException(ExitCode.BAD_INPUT, message, cause);
  }

  /** Bad input, from a template (see {@link #usage(String, Object...)}). */
  public static CdsException badInput(String template, Throwable cause, Object... args) {
    return new CdsException(ExitCode.BAD_INPUT, template, cause, Arrays.asList(args.clone()));
  }

  /** The service or the network failed (exit 4). */
  public static CdsException service(String message) {
    return new CdsException(ExitCode.SERVICE, message);
  }

  public static CdsException service(String message, Throwable cause) {
    return new CdsException(ExitCode.SERVICE, message, cause);
  }

  /** A service or network failure, from a template (see {@link #usage(String, Object...)}). */
  public static CdsException service(String template, Throwable cause, Object... args) {
    return new CdsException(ExitCode.SERVICE, template, cause, Arrays.asList(args.clone()));
  }
}
