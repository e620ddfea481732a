package dev.cds.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Request bodies within a size limit. A declared {@code Content-Length} over the limit is refused
 * before a byte is read; a chunked body, whose size is known only at its end, is read up to the
 * limit and refused there. Either way at most {@code limit} bytes are ever held.
 */
final class RequestBodies {
  private RequestBodies() {}

  /** 413 when the declared length is over {@code limit}. */
  static void checkDeclaredLength(HttpExchange ex, long limit) {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return;
    }
    long length;
    try {
      length = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      return; // the JDK's own reader refuses it
    }
    if (length > limit) {
      throw tooLarge(length + " bytes", limit);
    }
  }

  /** 415 unless the body is declared JSON, or not declared at all. */
  static void requireJson(HttpExchange ex) {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
      throw new HttpFailure(415, "not-supported", "Content-Type " + media
          + " is not JSON: send the hook request as application/json");
    }
  }

  /** The whole body; 413 as soon as it passes {@code limit} bytes. */
  static byte[] read(HttpExchange ex, int limit) throws IOException {
    // not closed here: closing drains what is left, which must wait until the 413 has gone out
    InputStream in = ex.getRequestBody();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw tooLarge("more than " + limit + " bytes", limit);
    }
    return body;
  }

  private static HttpFailure tooLarge(String size, long limit) {
    return new HttpFailure(413, "too-long", "the request body is " + size + "; this server accepts at most "
        + limit + " bytes");
  }
}
