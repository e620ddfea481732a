package dev.cds.prefetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as prefetch needs it: token values in a query string are encoded (so a
 * {@code |} or {@code ,} inside a value cannot change the search), values in the path are left
 * readable ({@code Patient/123}), and whatever a template author typed raw (e.g.
 * {@code code=http://loinc.org|4548-4}) is made into a legal URL without touching its meaning.
 */
final class UrlText {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  /** Characters a substituted query value keeps: everything else, notably {@code | , & = + #}, is encoded. */
  private static final String QUERY_VALUE_SAFE = UNRESERVED + "/:@";
  /** Characters a substituted path value keeps (RFC 3986 pchar plus the {@code /} of Type/id). */
  private static final String PATH_VALUE_SAFE = UNRESERVED + "/:@!$&'()*+,;=";
  /** Characters legal anywhere in a URL; {@code %} stays so existing escapes survive. */
  private static final String URL_SAFE = UNRESERVED + ":/?#[]@!$&'()*+,;=%";

  private UrlText() {}

  static String encodeQueryValue(String value) {
    return encode(value, QUERY_VALUE_SAFE);
  }

  static String encodePathValue(String value) {
    return encode(value, PATH_VALUE_SAFE);
  }

  /** Encodes only what may not appear in a URL at all (spaces, {@code |}, non-ASCII …). */
  static String legalize(String url) {
    return encode(url, URL_SAFE);
  }

  private static String encode(String value, String safe) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 128 && safe.indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** Decodes {@code %XX} escapes; a {@code +} stays a plus (FHIR timestamps carry offsets). */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (c == '%' && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 3;
      } else {
        out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Whether a relative URL climbs out of the base it is appended to, the way a server would read
   * its path: {@code %2e}, {@code %2f} and {@code %5c} decoded, a backslash taken as a slash (as
   * some servers do), {@code ..;x} taken as {@code ..} (as servlet containers do), then dot
   * segments removed (RFC 3986 §5.2.4). {@code Patient/../../admin} and {@code %2e%2e/x} do; a
   * query never counts.
   */
  static boolean leavesBase(String relativeUrl) {
    int end = relativeUrl.length();
    for (char c : new char[] {'?', '#'}) {
      int at = relativeUrl.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String path = relativeUrl.substring(0, end)
        .replaceAll("(?i)%2e", ".").replaceAll("(?i)%2f", "/").replaceAll("(?i)%5c", "/").replace('\\', '/');
    int depth = 0;
    for (String segment : path.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
      if (name.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!name.isEmpty() && !name.equals(".")) {
        depth++;
      }
    }
    return false;
  }
}
