package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import java.time.Clock;
import java.util.List;

/**
 * One service of {@code cds serve}, read from a definition file: what discovery shows, and which
 * response to give. Rules are tried in order; the first whose conditions all hold answers,
 * otherwise {@code response}. A successful answer is then shaped: annotations add system actions
 * for the request's own resources, drops remove cards and system actions the request switched
 * off, and {@code maxCards} keeps the most urgent cards.
 *
 * @param extension the discovery entry's {@code extension} (e.g. Da Vinci CRD versions and options)
 * @param hookVersion the version of the hook served (CDS Hooks 3.0 discovery), or null
 */
public record ServiceDefinition(
    String id, String hook, String title, String description, JsonNode prefetch, JsonNode extension,
    String hookVersion, Reply response, List<Rule> rules, Shaping shaping) {

  /** The same service, serving {@code version} of its hook unless its definition names one. */
  public ServiceDefinition withDefaultHookVersion(String version) {
    return hookVersion != null || version == null ? this
        : new ServiceDefinition(id, hook, title, description, prefetch, extension, version, response, rules, shaping);
  }

  /**
   * An HTTP answer: status (200 unless given), body, optional delay to imitate a slow service,
   * and annotations that turn request resources into system actions.
   */
  public record Reply(int status, JsonNode body, long delayMillis, List<Annotation> annotate) {
    public Reply(int status, JsonNode body, long delayMillis) {
      this(status, body, delayMillis, List.of());
    }
  }

  /**
   * {@code when}: request path → condition (see {@link RuleMatcher}: equals, in, notIn, matches,
   * type, present, count, not, default).
   */
  public record Rule(String name, JsonNode when, Reply reply) {}

  /**
   * For each resource at request path {@code each} (that matches {@code where}, when given): an
   * {@code update} system action with the resource as received plus {@code extension} appended.
   * {@code {{path}}} in the extension's strings takes the request's value there; {@code {{$today}}}
   * the server's date.
   */
  public record Annotation(String each, JsonNode where, String description, JsonNode extension) {}

  /** What every 200 answer goes through: {@code drops} in order, then {@code maxCards}. */
  public record Shaping(List<Drop> drops, MaxCards maxCards) {
    public static final Shaping NONE = new Shaping(List.of(), null);

    boolean isEmpty() {
      return drops.isEmpty() && maxCards == null;
    }
  }

  /** When {@code when} holds for the request, remove the cards and system actions matching these conditions. */
  public record Drop(JsonNode when, JsonNode cards, JsonNode systemActions) {}

  /** At most the number at request path {@code from} (else {@code fallback}, null: no limit) of cards, most urgent first. */
  public record MaxCards(String from, Integer fallback) {}

  /** The reply as this service sends it for {@code request}: {@code reply} itself when nothing changes it. */
  public Reply shape(Reply reply, JsonNode request, Clock clock) {
    return ReplyShaper.shape(this, reply, request, clock);
  }

  /** The discovery entry under CDS Hooks 2.0. */
  public ObjectNode discoveryEntry() {
    return discoveryEntry(SpecVersion.DEFAULT);
  }

  /**
   * The discovery entry under {@code spec}: from 3.0 on it names the CDS Hooks release the
   * service implements ({@code version}, semver) and the hook version it serves ({@code hookVersion}).
   */
  public ObjectNode discoveryEntry(SpecVersion spec) {
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
    if (extension != null && extension.size() > 0) {
      n.set("extension", extension);
    }
    if (spec.atLeast(SpecVersion.V3_0)) {
      n.put("version", spec.release());
      if (hookVersion != null) {
        n.put("hookVersion", hookVersion);
      }
    }
    return n;
  }
}
