package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.util.List;

/**
 * One service of {@code cds serve}, read from a definition file: what discovery shows, and which
 * response to give. Rules are tried in order; the first whose conditions all hold answers,
 * otherwise {@code response}.
 */
public record ServiceDefinition(
    String id, String hook, String title, String description, JsonNode prefetch, Reply response, List<Rule> rules) {

  /** An HTTP answer: status (200 unless given), body, optional delay to imitate a slow service. */
  public record Reply(int status, JsonNode body, long delayMillis) {}

  /** {@code when}: dotted request path → condition ({@code equals}, {@code in}, {@code notIn}, {@code matches}, {@code present}). */
  public record Rule(String name, JsonNode when, Reply reply) {}

  /** The discovery entry. */
  public ObjectNode discoveryEntry() {
    ObjectNode n = Json.object();
    n.put("hook", hook);
    if (title != null) {
      n.put("title", title);
    }
    n.put("description", description == null ? "" : description);
    n.put("id", id);
    if (prefetch != null && prefetch.size() > 0) {
      n.set("prefetch", prefetch);
    }
    return n;
  }
}
