package dev.cds.http;

import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;

/**
 * A request that did not produce a usable answer, by kind, so callers (the call engine, load runs,
 * conformance checks) can tell a refused connection from a timeout or an HTML error page without
 * reading messages. Always exit 4: the service or the network failed.
 */
public final class HttpFailure extends CdsException {
  /** What went wrong; {@link #STATUS} carries the HTTP status and a summary of the body. */
  public enum Kind {
    REFUSED("refused"),
    UNKNOWN_HOST("unknown-host"),
    TIMEOUT("timeout"),
    TLS("tls"),
    CONNECTION("connection"),
    STATUS("status"),
    NOT_JSON("not-json"),
    REDIRECT("redirect"),
    TOO_LARGE("too-large");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The stable name used in JSON output and load reports. */
    public String id() {
      return id;
    }
  }

  private final Kind kind;
  private final String url;
  private final int status;

  public HttpFailure(Kind kind, String url, int status, String message, Throwable cause) {
    super(ExitCode.SERVICE, message, cause);
    this.kind = kind;
    this.url = url;
    this.status = status;
  }

  /** A failure whose message is a template (see {@link CdsException#usage(String, Object...)}). */
  public HttpFailure(Kind kind, String url, int status, Throwable cause, String template, Object... args) {
    super(ExitCode.SERVICE, cause, template, args);
    this.kind = kind;
    this.url = url;
    this.status = status;
  }

  public HttpFailure(Kind kind, String url, int status, String message) {
    this(kind, url, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public String url() {
    return url;
  }

  /** The HTTP status, or 0 when no response came back. */
  public int status() {
    return status;
  }
}
