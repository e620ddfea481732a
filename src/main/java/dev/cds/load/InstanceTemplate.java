package dev.cds.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A request body serialised once, with a slot for the {@code hookInstance}: each request gets a
 * fresh id for the cost of an array copy instead of a tree copy and a serialisation.
 */
final class InstanceTemplate {
  private final byte[] head;
  private final byte[] tail;

  private InstanceTemplate(byte[] head, byte[] tail) {
    this.head = head;
    this.tail = tail;
  }

  static InstanceTemplate of(JsonNode body) {
    String marker = UUID.randomUUID().toString();
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.put("hookInstance", marker);
    byte[] bytes = Json.compact(copy).getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, ("\"" + marker + "\"").getBytes(StandardCharsets.US_ASCII)) + 1;
    byte[] head = new byte[at];
    System.arraycopy(bytes, 0, head, 0, at);
    byte[] tail = new byte[bytes.length - at - marker.length()];
    System.arraycopy(bytes, at + marker.length(), tail, 0, tail.length);
    return new InstanceTemplate(head, tail);
  }

  byte[] withInstance(UUID instance) {
    byte[] id = instance.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + id.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(id, 0, out, head.length, id.length);
    System.arraycopy(tail, 0, out, head.length + id.length, tail.length);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("hookInstance not found in the serialised body");
  }
}
