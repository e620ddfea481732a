package dev.cds.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** javascript:, data: and file: URLs in a card are a validation error wherever they hide. */
class UnsafeUrlChecksTest {
  private static final Validator VALIDATOR = new Validator(HookCatalog.bundled());

  private static ObjectNode card() {
    return (ObjectNode) Json.parse("""
        {"summary": "Prior authorization needed", "indicator": "warning",
         "detail": "See [the rules](https://payer.example.org/rules) and <https://payer.example.org>.",
         "source": {"label": "Payer", "url": "https://payer.example.org", "icon": "https://payer.example.org/i.png"},
         "links": [{"label": "Rules", "url": "https://payer.example.org/rules", "type": "absolute"}]}
        """, "card");
  }

  private static List<Finding> schemeFindings(ObjectNode card) {
    ObjectNode response = Json.object();
    response.putArray("cards").add(card);
    return VALIDATOR.validate(response, DocumentKind.RESPONSE, Validator.Options.of(false)).stream().filter(f -> f.rule().equals("card.link.scheme")).toList();
  }

  @Test
  void anOrdinaryCardHasNoSchemeFinding() {
    assertEquals(List.of(), schemeFindings(card()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/links/0/url | javascript:alert(document.cookie)",
      "/links/0/url | \u0001 JaVaScRiPt:alert(1)",
      "/links/0/url | data:text/html;base64,PHNjcmlwdD4=",
      "/source/url  | FILE:///etc/passwd",
      "/source/icon | data:image/svg+xml,<svg onload=alert(1)>",
      "/source/icon | \u200bjava\u00adscript:alert(1)"})
  void unsafeSchemesInLinksAndSourceAreErrors(String at, String url) {
    ObjectNode card = card();
    ((ObjectNode) card.at(at.substring(0, at.lastIndexOf('/')))).put(at.substring(at.lastIndexOf('/') + 1), url);
    List<Finding> found = schemeFindings(card);
    assertEquals(1, found.size(), found::toString);
    assertEquals("/cards/0" + at, found.get(0).path());
    assertTrue(found.get(0).isError());
    assertTrue(found.get(0).message().contains("unsafe URL scheme"), found.get(0).message());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Click [here](javascript:alert(1)).",
      "Click [here]( <javascript:alert(1)> ).",
      "Click [here](javascript&#58;alert(1)) — an entity is decoded by CommonMark.",
      "Click [here](javascript&#x3A;alert(1)).",
      "Click [here](javascript\\:alert(1)).",
      "Click [here](JAVASCRIPT&colon;alert(1)).",
      "![pixel](data:image/png;base64,iVBORw0KGgo=)",
      "An autolink <javascript:alert(1)> or <file:///etc/shadow>.",
      "A reference [here][x].\n\n[x]: javascript:alert(1)",
      "Raw HTML <a href=\"javascript:alert(1)\">here</a>",
      "Raw HTML <img src='data:image/svg+xml,x'>",
      "Raw HTML <a href=javascript:alert(1)>here</a>"})
  void unsafeLinksInsideMarkdownDetailAreErrors(String detail) {
    ObjectNode card = card();
    card.put("detail", detail);
    List<Finding> found = schemeFindings(card);
    assertTrue(!found.isEmpty(), detail);
    assertEquals("/cards/0/detail", found.get(0).path());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Plain words about javascript: the language, data: the numbers, file: a folder.",
      "[ok](https://example.org/?next=javascript:alert(1)) and <mailto:help@example.org>"})
  void harmlessMentionsAreNotLinks(String detail) {
    ObjectNode card = card();
    card.put("detail", detail);
    assertEquals(List.of(), schemeFindings(card), detail);
  }
}
