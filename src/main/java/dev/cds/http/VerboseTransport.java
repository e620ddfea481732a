package dev.cds.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --verbose}: every request and response on stderr, with secrets redacted —
 * Authorization values, and access tokens, assertions and private key members in bodies.
 */
public final class VerboseTransport implements Transport {
  private static final Pattern SECRET_JSON = Pattern.compile(
      "(\"(?:access_token|refresh_token|id_token|client_assertion|client_secret|d|p|q|dp|dq|qi)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");
  private static final Pattern SECRET_FORM = Pattern.compile(
      "((?:^|&)(?:client_assertion|client_secret|access_token)=)[^&]*");

  private final Transport next;
  private final PrintWriter log;

  public VerboseTransport(Transport next, PrintWriter log) {
    this.next = next;
    this.log = log;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("> ").append(call.method()).append(' ').append(call.uri()).append('\n');
    call.headers().forEach((k, v) -> sb.append("> ").append(k).append(": ").append(header(k, v)).append('\n'));
    if (call.body() != null) {
      sb.append(redact(new String(call.body(), StandardCharsets.UTF_8))).append('\n');
    }
    print(sb);
    HttpResult r;
    try {
      r = next.send(call);
    } catch (IOException e) {
      print(new StringBuilder("< ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()).append('\n'));
      throw e;
    }
    StringBuilder in = new StringBuilder();
    in.append("< ").append(r.status()).append(" (").append(r.elapsed().toMillis()).append(" ms)\n");
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      for (String v : h.getValue()) {
        in.append("< ").append(h.getKey()).append(": ").append(header(h.getKey(), v)).append('\n');
      }
    }
    if (r.body() != null && r.body().length > 0) {
      in.append(redact(r.bodyText())).append('\n');
    }
    print(in);
    return r;
  }

  private void print(StringBuilder sb) {
    synchronized (log) {
      log.print(sb);
      log.flush();
    }
  }

  public static String header(String name, String value) {
    if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
      int space = value.indexOf(' ');
      return (space > 0 ? value.substring(0, space + 1) : "") + "[redacted]";
    }
    return value;
  }

  public static String redact(String body) {
    String out = SECRET_JSON.matcher(body).replaceAll("$1[redacted]$2");
    return SECRET_FORM.matcher(out).replaceAll("$1[redacted]");
  }
}
