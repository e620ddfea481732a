package dev.cds.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON for cds: trees read and written with jackson-core's streaming API, and the one configured
 * {@link ObjectMapper} for the few places that bind records.
 *
 * <p>Why two paths: building an {@code ObjectMapper} and its first {@code readTree} cost tens of
 * milliseconds of start-up (serializer and deserializer factories, type introspection, date
 * formats), more than {@code cds init} may spend in all (DESIGN.md, performance). Parsing and
 * printing trees needs none of it, so {@link #parse}, {@link #resource}, {@link #pretty} and
 * {@link #compact} stream, and {@link #MAPPER} is built the first time something reads it.
 */
public final class Json implements LazyMapper {
  /** Numbers as the text says: no binary-float rounding of decimals (as the mapper is set up). */
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /**
   * The deepest nesting the checks and the diff take on. CDS Hooks documents with their FHIR
   * resources need a few dozen levels; hostile ones bring hundreds, and code that recurses per
   * level would run out of stack on a thread smaller than the main one.
   */
  public static final int MAX_DEPTH = 100;

  private static final JsonFactory FACTORY = factory();

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withSeparators(
              Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private Json() {}

  private static JsonFactory factory() {
    return new JsonFactoryBuilder()
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .characterEscapes(TerminalSafeEscapes.INSTANCE)
        .build();
  }

  /**
   * Jackson escapes only C0 controls. JSON output often lands on a terminal too ({@code --output
   * json}, {@code jq}), so DEL, the C1 controls and the bidi controls are written as
   * <code>&#92;uXXXX</code> as well: the value a reader decodes is exactly what the service sent, but no
   * terminal acts on it.
   */
  static final class TerminalSafeEscapes extends CharacterEscapes {
    static final TerminalSafeEscapes INSTANCE = new TerminalSafeEscapes();
    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    private TerminalSafeEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return Sanitizer.isUnsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }
  }

  static ObjectMapper newMapper() {
    return new ObjectMapper(factory())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(NODES);
  }

  /** How deeply {@code node} nests: 0 for a scalar, 1 for a flat object or array; without recursion. */
  public static int depth(JsonNode node) {
    int deepest = 0;
    java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
    nodes.push(node);
    depths.push(0);
    while (!nodes.isEmpty()) {
      JsonNode n = nodes.pop();
      int d = depths.pop();
      if (n != null && n.isContainerNode()) {
        deepest = Math.max(deepest, d + 1);
        for (JsonNode child : n) {
          if (child.isContainerNode()) {
            nodes.push(child);
            depths.push(d + 1);
          }
        }
      }
    }
    return deepest;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * A record, map or bean as a tree, through the shared mapper (built on this first use): the way
   * code outside core binds values, so that the mapper and its set-up stay here.
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** A streaming parser over {@code bytes} (no mapper, no tree), for readers that only scan tokens. */
  public static JsonParser parser(byte[] bytes) throws IOException {
    return FACTORY.createParser(bytes);
  }

  /** Pretty JSON, two-space indent, no trailing newline. */
  public static String pretty(JsonNode node) {
    return write(node, true);
  }

  /** Compact single-line JSON (for ndjson). */
  public static String compact(JsonNode node) {
    return write(node, false);
  }

  /**
   * Parses JSON text; a syntax error becomes a bad-input failure naming {@code source} with line
   * and column.
   */
  public static JsonNode parse(String text, String source) {
    try (JsonParser p = FACTORY.createParser(text)) {
      return document(p, source);
    } catch (JsonProcessingException e) {
      throw CdsException.badInput(describe(e, source), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(byte[] bytes, String source) {
    return parse(new String(bytes, StandardCharsets.UTF_8), source);
  }

  /**
   * Every JSON value in the text, one after another: one document, ndjson, or a stream of
   * documents; a syntax error is bad input naming {@code source} with line and column.
   */
  public static java.util.List<JsonNode> documents(String text, String source) {
    java.util.List<JsonNode> docs = new java.util.ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        docs.add(value(p, t));
      }
    } catch (JsonProcessingException e) {
      throw CdsException.badInput(describe(e, source), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
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
    try (InputStream in = Resources.open(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return document(FACTORY.createParser(in), path);
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

  /** One JSON value and nothing after it (what the mapper's FAIL_ON_TRAILING_TOKENS checks). */
  private static JsonNode document(JsonParser p, String source) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw CdsException.badInput(source + " is empty: expected a JSON document");
    }
    JsonNode node = value(p, first);
    if (p.nextToken() != null) {
      JsonLocation at = p.currentTokenLocation();
      throw CdsException.badInput(source + " is not valid JSON at line " + at.getLineNr() + ", column "
          + at.getColumnNr() + ": more content after the end of the document");
    }
    return node;
  }

  /**
   * The tree of one value, built with an explicit stack rather than recursion: the parser allows
   * 1,000 levels, more than a recursive builder survives on a small thread stack.
   */
  private static JsonNode value(JsonParser p, JsonToken first) throws IOException {
    if (!first.isStructStart()) {
      return scalar(p, first);
    }
    ContainerNode<?> root = container(first);
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    open.push(root);
    while (!open.isEmpty()) {
      ContainerNode<?> top = open.peek();
      JsonNode child;
      JsonToken t;
      if (top instanceof ObjectNode object) {
        String name = p.nextFieldName();
        if (name == null) { // END_OBJECT
          open.pop();
          continue;
        }
        t = p.nextToken();
        child = t.isStructStart() ? container(t) : scalar(p, t);
        object.set(name, child);
      } else {
        t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
          open.pop();
          continue;
        }
        child = t.isStructStart() ? container(t) : scalar(p, t);
        ((ArrayNode) top).add(child);
      }
      if (t.isStructStart()) {
        open.push((ContainerNode<?>) child);
      }
    }
    return root;
  }

  private static ContainerNode<?> container(JsonToken start) {
    return start == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
  }

  private static JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  private static String write(JsonNode node, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text)) {
      if (pretty) {
        g.setPrettyPrinter(PRETTY.createInstance());
      }
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes a tree with an explicit stack of open containers, for the reason {@link #value} has one. */
  private static void write(JsonGenerator g, JsonNode root) throws IOException {
    Deque<Iterator<?>> open = new ArrayDeque<>();
    JsonNode next = root;
    while (true) {
      if (next != null) {
        if (next.isObject()) {
          g.writeStartObject();
          open.push(next.fields());
        } else if (next.isArray()) {
          g.writeStartArray();
          open.push(next.elements());
        } else {
          scalar(g, next);
        }
      }
      if (open.isEmpty()) {
        return;
      }
      Iterator<?> top = open.peek();
      if (!top.hasNext()) {
        open.pop();
        if (g.getOutputContext().inObject()) {
          g.writeEndObject();
        } else {
          g.writeEndArray();
        }
        next = null;
        continue;
      }
      Object item = top.next();
      if (item instanceof Map.Entry<?, ?> field) {
        g.writeFieldName((String) field.getKey());
        next = (JsonNode) field.getValue();
      } else {
        next = (JsonNode) item;
      }
    }
  }

  private static void scalar(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case STRING:
        g.writeString(node.textValue());
        break;
      case NUMBER:
        writeNumber(g, node);
        break;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        break;
      case NULL:
      case MISSING:
        g.writeNull();
        break;
      default: // BINARY and POJO nodes only come from data binding
        MAPPER.writeTree(g, node);
    }
  }

  private static void writeNumber(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.numberType()) {
      case INT:
        g.writeNumber(n.intValue());
        break;
      case LONG:
        g.writeNumber(n.longValue());
        break;
      case BIG_INTEGER:
        g.writeNumber(n.bigIntegerValue());
        break;
      case FLOAT:
        g.writeNumber(n.floatValue());
        break;
      case DOUBLE:
        g.writeNumber(n.doubleValue());
        break;
      default:
        g.writeNumber(n.decimalValue());
    }
  }
}
