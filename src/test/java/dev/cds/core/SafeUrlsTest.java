package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "  javascript:alert(1)",
      "\u0001\u0002javascript:alert(1)", "\tjava\nscript:alert(1)", "java\rscript:alert(1)",
      "\u200bjavascript:alert(1)", "\u202ejavascript:alert(1)", "java\u00adscript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:image/svg+xml,<svg onload=alert(1)>",
      "file:///etc/passwd", "FILE://host/share", " file:/home", "vbscript:msgbox(1)", "\u3000javascript:x"})
  void refusesSchemesThatRunCodeOrReadLocalFiles(String url) {
    assertFalse(SafeUrls.isSafe(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://payer.example.org/rules", "http://localhost:8080/x", "mailto:help@example.org",
      "tel:+15551234", "relative/path", "/absolute/path", "?q=javascript:x", "#javascript:x",
      "https://example.org/?next=javascript:alert(1)", "smart-app://launch", "urn:uuid:1"})
  void allowsOrdinaryLinks(String url) {
    assertTrue(SafeUrls.isSafe(url), url);
  }

  @org.junit.jupiter.api.Test
  void nullIsNotALink() {
    assertFalse(SafeUrls.isSafe(null));
  }
}
