package dev.cds.cards;

import dev.cds.model.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.model.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code cds render}, {@code cds diff} and {@code --expect} accept, as service
 * outcomes: a plain response ({@code {"cards": …}}, no service id), one saved {@code cds call
 * --output json} outcome, or ndjson (or a JSON array) of outcomes, one per service.
 */
public final class Responses {
  private Responses() {}

  public static List<ServiceOutcome> read(String file, InputStream stdin) {
    String source = file.equals("-") ? "stdin" : file;
    return parse(new String(Json.readBytes(file, stdin), StandardCharsets.UTF_8), source);
  }

  public static List<ServiceOutcome> parse(String text, String source) {
    List<JsonNode> documents = documents(text, source);
    if (documents.isEmpty()) {
      throw CdsException.badInput(source + " is empty: expected a CDS Hooks response or ndjson from cds call");
    }
    if (documents.size() == 1 && documents.get(0).isArray()) {
      List<JsonNode> items = new ArrayList<>();
      documents.get(0).forEach(items::add);
      if (items.isEmpty() || !items.stream().allMatch(Responses::isOutcome)) {
        throw CdsException.badInput(source + " is a JSON array: expected a response object {\"cards\": …} or outcomes of cds call");
      }
      documents = items;
    }
    List<ServiceOutcome> outcomes = new ArrayList<>();
    int n = 0;
    for (JsonNode doc : documents) {
      n++;
      if (!doc.isObject()) {
        throw CdsException.badInput(source + (documents.size() > 1 ? " document " + n : "")
            + " is a JSON " + doc.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + ": expected a response object {\"cards\": …}");
      }
      if (isOutcome(doc)) {
        outcomes.add(ServiceOutcome.fromJson(doc));
      } else if (documents.size() == 1) {
        outcomes.add(plain(doc));
      } else {
        throw CdsException.badInput(source + " document " + n
            + " has no \"service\": several documents must be cds call outcomes, one per service");
      }
    }
    return outcomes;
  }

  /**
   * The outcomes when the text holds saved {@code cds call} envelopes (one or ndjson), else an
   * empty list: other documents are for the caller to read.
   */
  public static List<ServiceOutcome> envelopes(String text, String source) {
    List<JsonNode> documents;
    try {
      documents = documents(text, source);
    } catch (CdsException notJson) {
      return List.of();
    }
    if (documents.isEmpty() || !documents.stream().allMatch(Responses::isOutcome)) {
      return List.of();
    }
    return documents.stream().map(ServiceOutcome::fromJson).toList();
  }

  /** A response read from a file, wrapped as an outcome without a service id. */
  public static ServiceOutcome plain(JsonNode response) {
    return new ServiceOutcome(null, null, 200, 0, response, null);
  }

  /** True when outcomes carry service ids (ndjson of several services or a saved call outcome). */
  public static boolean keyed(List<ServiceOutcome> outcomes) {
    return outcomes.stream().anyMatch(o -> o.service() != null);
  }

  /**
   * Outcomes as {@code cds render --output json} prints them: the response itself for a plain
   * response, otherwise one outcome per line; cards in display order.
   */
  public static String normalised(List<ServiceOutcome> outcomes) {
    if (!keyed(outcomes) && outcomes.size() == 1) {
      return Json.pretty(sorted(outcomes.get(0).body()));
    }
    StringBuilder sb = new StringBuilder();
    for (ServiceOutcome o : outcomes) {
      ServiceOutcome s = new ServiceOutcome(o.service(), o.hook(), o.status(), o.elapsedMillis(), sorted(o.body()), o.error());
      sb.append(Json.compact(s.toJson())).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static JsonNode sorted(JsonNode body) {
    if (body == null || !body.isObject() || !body.path("cards").isArray()) {
      return body;
    }
    JsonNode copy = body.deepCopy();
    ArrayNode cards = ((ObjectNode) copy).putArray("cards");
    Response.of(body).displayOrder().forEach(c -> cards.add(c.node().deepCopy()));
    CrdTags.addResponseTypes((ObjectNode) copy);
    return copy;
  }

  private static boolean isOutcome(JsonNode n) {
    return n.isObject() && n.has("service") && (n.has("body") || n.has("error") || n.has("status"));
  }

  /** Every JSON value in the text: one document, ndjson, or documents one after another. */
  private static List<JsonNode> documents(String text, String source) {
    return Json.documents(text, source);
  }
}
