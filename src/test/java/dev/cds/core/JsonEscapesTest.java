package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON output keeps every value exactly, but no raw DEL, C1 or bidi character reaches a terminal. */
class JsonEscapesTest {
  private static final String RAW = "a\u202eb\u009bc\u007fd\u001be\u2066f";

  private static ObjectNode doc() {
    ObjectNode n = Json.object();
    n.put("summary", RAW);
    n.put("key\u202e", "ok — ✓");
    return n;
  }

  private static void assertNoRawControls(String json) {
    assertTrue(json.chars().noneMatch(c -> Sanitizer.isUnsafe(c) && c != '\n'), json);
  }

  @Test
  void compactAndPrettyEscapeDelC1AndBidiAndRoundTripExactly() {
    for (String json : new String[] {Json.compact(doc()), Json.pretty(doc())}) {
      assertNoRawControls(json);
      assertTrue(json.contains("a\\u202Eb\\u009Bc\\u007Fd\\u001Be\\u2066f"), json);
      assertTrue(json.contains("\"key\\u202E\""), json);
      assertTrue(json.contains("ok — ✓"), json);
      assertEquals(doc(), Json.parse(json, "test"));
    }
  }

  @Test
  void theSharedMapperAndItsStreamingGeneratorsEscapeToo() throws Exception {
    String viaMapper = Json.MAPPER.writeValueAsString(doc());
    assertNoRawControls(viaMapper);
    assertEquals(doc(), Json.MAPPER.readTree(viaMapper));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("s", RAW);
      g.writeEndObject();
    }
    String utf8 = bytes.toString(StandardCharsets.UTF_8);
    assertNoRawControls(utf8);
    assertEquals(RAW, Json.parse(utf8, "test").path("s").asText());

    StringWriter chars = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(chars)) {
      g.writeString(RAW);
    }
    assertNoRawControls(chars.toString());
    JsonNode back = Json.parse(chars.toString(), "test");
    assertEquals(RAW, back.asText());
  }
}
