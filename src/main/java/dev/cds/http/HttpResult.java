package dev.cds.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A received HTTP response; header names are lower case. */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body, Duration elapsed) {

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body decoded by its declared charset (UTF-8 when none is declared or it is unknown). */
  public String bodyText() {
    return body == null ? "" : new String(body, charset());
  }

  /** The charset the Content-Type declares; UTF-8 when it declares none or one the JDK lacks. */
  public Charset charset() {
    String declared = declaredCharset();
    if (declared != null) {
      try {
        return Charset.forName(declared);
      } catch (IllegalArgumentException unknown) {
        // decoded as UTF-8, and charsetProblem() says so
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * Why this JSON body breaks RFC 8259's "JSON exchanged between systems MUST be encoded using
   * UTF-8", or null: another declared charset, or bytes that are not valid UTF-8.
   */
  public String charsetProblem() {
    String declared = declaredCharset();
    if (declared != null && !charset().equals(StandardCharsets.UTF_8)) {
      return "JSON must be UTF-8, but the response declares charset=" + declared + " (decoded as such)";
    }
    if (declared != null && !isKnown(declared)) {
      return "JSON must be UTF-8, but the response declares the unknown charset " + declared + " (decoded as UTF-8)";
    }
    if (body != null && !validUtf8(body)) {
      return "JSON must be UTF-8, but the body is not valid UTF-8 (invalid bytes shown as \uFFFD)";
    }
    return null;
  }

  private String declaredCharset() {
    String type = header("content-type");
    if (type == null) {
      return null;
    }
    for (String part : type.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String v = p.substring("charset=".length()).trim();
        return v.replace("\"", "").isEmpty() ? null : v.replace("\"", "");
      }
    }
    return null;
  }

  private static boolean isKnown(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** application/json, text/json, application/fhir+json and their charset variants. */
  public boolean isJson() {
    String type = header("content-type");
    if (type == null) {
      return false;
    }
    String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
  }
}
