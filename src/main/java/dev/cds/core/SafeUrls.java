package dev.cds.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a URL a remote party wrote may be offered to the user as a link. {@code javascript:}
 * and {@code vbscript:} run code in whatever opens them, {@code data:} carries a whole page or
 * script inline, and {@code file:} reads the user's own disk: none of them belongs in a card.
 */
public final class SafeUrls {
  private static final Set<String> UNSAFE = Set.of("javascript", "vbscript", "data", "file");

  private SafeUrls() {}

  /**
   * False when the URL's scheme is one of the unsafe ones, in any case, after dropping what
   * browsers ignore or a reader cannot see: whitespace and control characters anywhere (a URL
   * parser strips leading ones and tabs or newlines inside) and invisible format characters such
   * as zero-width spaces and bidi controls. A URL without a scheme (relative) is safe; null is not.
   */
  public static boolean isSafe(String url) {
    if (url == null) {
      return false;
    }
    String scheme = scheme(url);
    return scheme == null || !UNSAFE.contains(scheme);
  }

  /**
   * Whether cds may send a request (and credentials) to {@code url}: an absolute http or https
   * URL with a host. Not file:, jar:, ftp: (which the JDK would happily open) nor a relative one.
   */
  public static boolean isHttp(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The lower-case scheme as a browser would read it, or null when there is none. */
  static String scheme(String url) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < url.length(); ) {
      int c = url.codePointAt(i);
      i += Character.charCount(c);
      if (c == ':') {
        String s = b.toString().toLowerCase(Locale.ROOT);
        return s.matches("[a-z][a-z0-9+.-]*") ? s : null;
      }
      if (c <= 0x20 || Sanitizer.isUnsafe(c) || Character.getType(c) == Character.FORMAT
          || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      if (c == '/' || c == '?' || c == '#') {
        return null;
      }
      b.appendCodePoint(c);
    }
    return null;
  }
}
