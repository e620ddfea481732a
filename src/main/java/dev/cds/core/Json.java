package dev.cds.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one configured {@link ObjectMapper}, and reading JSON from files, stdin and resources. */
public final class Json {
  /** Shared and never reconfigured after this initialiser: thread-safe by Jackson's contract. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withSeparators(
              com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(
                      com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Pretty JSON, two-space indent, no trailing newline. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compact single-line JSON (for ndjson). */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses JSON text; a syntax error becomes a bad-input failure naming {@code source} with line
   * and column.
   */
  public static JsonNode parse(String text, String source) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw CdsException.badInput(source + " is empty: expected a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw CdsException.badInput(describe(e, source), e);
    }
  }

  public static JsonNode parse(byte[] bytes, String source) {
    return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), source);
  }

  /** Reads a JSON file, or stdin when {@code file} is {@code -}. */
  public static JsonNode read(String file, InputStream stdin) {
    return parse(readBytes(file, stdin), file.equals("-") ? "stdin" : file);
  }

  /** The bytes of a file, or of stdin for {@code -}; a missing file is bad input (exit 3). */
  public static byte[] readBytes(String file, InputStream stdin) {
    try {
      if (file.equals("-")) {
        return stdin.readAllBytes();
      }
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw CdsException.badInput("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw CdsException.badInput("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a classpath resource that ships with cds. */
  public static JsonNode resource(String path) {
    try (InputStream in = Json.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String describe(JsonProcessingException e, String source) {
    JsonLocation at = e.getLocation();
    String what = e.getOriginalMessage();
    int cut = what.indexOf('\n');
    if (cut > 0) {
      what = what.substring(0, cut);
    }
    what = what.replaceAll(" \\(for Object starting at .*", "");
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return source + " is not valid JSON" + where + ": " + what;
  }

}
