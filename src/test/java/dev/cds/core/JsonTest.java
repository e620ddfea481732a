package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The methods through which code outside core reads and binds JSON without touching the mapper. */
class JsonTest {
  @Test
  void documentsReadsOneDocumentNdjsonOrDocumentsBackToBack() {
    assertEquals(List.of(Json.parse("{\"a\": 1}", "x")), Json.documents("{\"a\": 1}", "x"));
    List<JsonNode> docs = Json.documents("{\"a\": 1}\n{\"b\": 2.10}\n\n[3]{\"c\":null}", "x");
    assertEquals(4, docs.size());
    assertEquals(new BigDecimal("2.10"), docs.get(1).path("b").decimalValue(), "numbers as written");
    assertTrue(docs.get(3).path("c").isNull());
    assertEquals(List.of(), Json.documents("  \n", "x"));
  }

  @Test
  void documentsSaysWhereTheTextBreaks() {
    CdsException e = assertThrows(CdsException.class, () -> Json.documents("{\"a\": 1}\n{\"b\": }", "answers.ndjson"));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith("answers.ndjson is not valid JSON at line 2, column 7"), e.getMessage());
  }

  @Test
  void treeBindsThroughTheSharedMapper() {
    record Point(int x, String label) {}
    assertEquals(Json.parse("{\"x\": 1, \"label\": \"a\"}", "x"), Json.tree(new Point(1, "a")));
    assertEquals(Json.parse("{\"k\": [1, 2]}", "x"), Json.tree(Map.of("k", List.of(1, 2))));
  }

  @Test
  void parserStreamsTokens() throws Exception {
    try (var p = Json.parser("{\"a\": [1]}".getBytes())) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      assertEquals("a", p.nextFieldName());
    }
  }
}
