package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket: exactly the bytes a test means to send, hostile ones included. */
final class RawHttp {
  /** A response; header names in lower case. */
  record Response(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      return Json.parse(body, "response");
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean isOperationOutcome() {
      return header("content-type") != null && header("content-type").startsWith("application/json")
          && json().path("resourceType").asText().equals("OperationOutcome")
          && json().path("issue").path(0).path("severity").asText().equals("error");
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  private RawHttp() {}

  static Socket connect(String baseUrl) throws IOException {
    URI uri = URI.create(baseUrl);
    Socket socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Sends {@code head} (request line and headers, CRLF-terminated, without the blank line) and {@code body}. */
  static Response exchange(String baseUrl, String head, byte[] body) throws IOException {
    try (Socket socket = connect(baseUrl)) {
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  static Response exchange(String baseUrl, String head) throws IOException {
    return exchange(baseUrl, head, null);
  }

  static Response read(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    String length = headers.get("content-length");
    byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : new byte[0];
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
