package dev.cds.cards;

import dev.cds.model.Card;
import dev.cds.model.Action;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cds.cards.DiffResult.Change;
import dev.cds.cards.DiffResult.ItemDiff;
import dev.cds.cards.DiffResult.Kind;
import dev.cds.cards.DiffResult.ServiceDiff;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.model.ServiceOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares answers the way a person reads them: card order and uuids do not matter; cards pair up
 * by source label and summary first, then by how much of their content they share; system actions
 * pair up by type and target the same way. Several services pair up by service id.
 */
public final class CardDiff {
  /** Below this share of equal fields, two cards are a removal and an addition, not a change. */
  static final double SIMILAR = 0.5;

  private final IgnoreRules ignore;

  public CardDiff(IgnoreRules ignore) {
    this.ignore = ignore;
  }

  /** Bad input (exit 3) when an answer nests deeper than {@link Json#MAX_DEPTH}: the diff recurses per level. */
  public DiffResult compare(List<ServiceOutcome> before, List<ServiceOutcome> after) {
    before.forEach(CardDiff::checkDepth);
    after.forEach(CardDiff::checkDepth);
    List<ServiceDiff> services = new ArrayList<>();
    if (before.size() == 1 && after.size() == 1) {
      ServiceOutcome a = before.get(0);
      ServiceOutcome b = after.get(0);
      services.add(service(b.service() != null ? b.service() : a.service(), a, b));
      return new DiffResult(services);
    }
    Map<String, ServiceOutcome> byId = new LinkedHashMap<>();
    after.forEach(o -> byId.put(Objects.toString(o.service(), ""), o));
    Set<String> seen = new HashSet<>();
    for (ServiceOutcome a : before) {
      String id = Objects.toString(a.service(), "");
      ServiceOutcome b = byId.get(id);
      if (b == null) {
        services.add(new ServiceDiff(a.service(), Kind.REMOVED, List.of(), List.of(), List.of()));
      } else {
        services.add(service(a.service(), a, b));
      }
      seen.add(id);
    }
    byId.forEach((id, b) -> {
      if (!seen.contains(id)) {
        services.add(new ServiceDiff(b.service(), Kind.ADDED, List.of(), List.of(), List.of()));
      }
    });
    return new DiffResult(services);
  }

  private static void checkDepth(ServiceOutcome o) {
    int depth = o.body() == null ? 0 : Json.depth(o.body());
    if (depth > Json.MAX_DEPTH) {
      throw CdsException.badInput("the answer" + (o.service() == null ? "" : " of " + Sanitizer.line(o.service()))
          + " nests " + depth + " levels deep: cds compares documents up to " + Json.MAX_DEPTH + " levels");
    }
  }

  private ServiceDiff service(String id, ServiceOutcome a, ServiceOutcome b) {
    List<Change> changes = new ArrayList<>();
    if (a.status() != b.status()) {
      changes.add(new Change("/status", IntNode.valueOf(a.status()), IntNode.valueOf(b.status())));
    }
    if (!Objects.equals(a.error(), b.error())) {
      changes.add(new Change("/error", text(a.error()), text(b.error())));
    }
    List<ItemDiff> cards = List.of();
    List<ItemDiff> actions = List.of();
    if (a.body() != null || b.body() != null) {
      JsonNode x = ignore.apply(a.body());
      JsonNode y = ignore.apply(b.body());
      if (x != null && y != null && x.isObject() && y.isObject()) {
        cards = items(x.get("cards"), y.get("cards"), CardDiff::cardKey, "/cards", changes);
        actions = items(x.get("systemActions"), y.get("systemActions"), CardDiff::actionKey, "/systemActions", changes);
        Set<String> names = new java.util.LinkedHashSet<>();
        x.fieldNames().forEachRemaining(names::add);
        y.fieldNames().forEachRemaining(names::add);
        names.remove("cards");
        names.remove("systemActions");
        for (String name : names) {
          diff(x.get(name), y.get(name), "/" + escape(name), changes);
        }
      } else {
        diff(x, y, "/body", changes);
      }
    }
    boolean same = changes.isEmpty() && cards.isEmpty() && actions.isEmpty();
    return new ServiceDiff(id, same ? Kind.SAME : Kind.CHANGED, changes, cards, actions);
  }

  /** Pairs two arrays of items (cards or actions) and lists those that differ. */
  private static List<ItemDiff> items(JsonNode x, JsonNode y, Function<JsonNode, String> key, String path, List<Change> changes) {
    if ((x != null && !x.isArray()) || (y != null && !y.isArray())) {
      diff(x, y, path, changes);
      return List.of();
    }
    List<JsonNode> a = list(x);
    List<JsonNode> b = list(y);
    int[] partner = pair(a, b, key);
    List<ItemDiff> out = new ArrayList<>();
    boolean[] taken = new boolean[b.size()];
    for (int i = 0; i < a.size(); i++) {
      int j = partner[i];
      if (j < 0) {
        out.add(new ItemDiff(Kind.REMOVED, a.get(i), null, i, -1, List.of()));
        continue;
      }
      taken[j] = true;
      List<Change> fields = new ArrayList<>();
      diff(a.get(i), b.get(j), "", fields);
      if (!fields.isEmpty()) {
        out.add(new ItemDiff(Kind.CHANGED, a.get(i), b.get(j), i, j, fields));
      }
    }
    for (int j = 0; j < b.size(); j++) {
      if (!taken[j]) {
        out.add(new ItemDiff(Kind.ADDED, null, b.get(j), -1, j, List.of()));
      }
    }
    return out;
  }

  /** For each item of {@code a}, the index of its partner in {@code b}, or -1. */
  static int[] pair(List<JsonNode> a, List<JsonNode> b, Function<JsonNode, String> key) {
    int[] partner = new int[a.size()];
    java.util.Arrays.fill(partner, -1);
    boolean[] taken = new boolean[b.size()];
    Map<String, ArrayDeque<Integer>> byKey = new HashMap<>();
    for (int j = 0; j < b.size(); j++) {
      String k = key.apply(b.get(j));
      if (k != null) {
        byKey.computeIfAbsent(k, x -> new ArrayDeque<>()).add(j);
      }
    }
    for (int i = 0; i < a.size(); i++) {
      String k = key.apply(a.get(i));
      ArrayDeque<Integer> queue = k == null ? null : byKey.get(k);
      if (queue != null && !queue.isEmpty()) {
        partner[i] = queue.poll();
        taken[partner[i]] = true;
      }
    }
    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (partner[i] >= 0) {
        continue;
      }
      for (int j = 0; j < b.size(); j++) {
        if (!taken[j]) {
          double score = similarity(a.get(i), b.get(j));
          if (score >= SIMILAR) {
            candidates.add(new double[] {score, i, j});
          }
        }
      }
    }
    candidates.sort(Comparator.<double[]>comparingDouble(c -> -c[0]).thenComparingDouble(c -> c[1]).thenComparingDouble(c -> c[2]));
    for (double[] c : candidates) {
      int i = (int) c[1];
      int j = (int) c[2];
      if (partner[i] < 0 && !taken[j]) {
        partner[i] = j;
        taken[j] = true;
      }
    }
    return partner;
  }

  /** Share of leaf fields (path and value) two items have in common: 1 for equal, 0 for disjoint. */
  static double similarity(JsonNode a, JsonNode b) {
    Set<String> x = new HashSet<>();
    Set<String> y = new HashSet<>();
    leaves(a, "", x);
    leaves(b, "", y);
    if (x.isEmpty() && y.isEmpty()) {
      return 1;
    }
    int common = 0;
    for (String s : x) {
      if (y.contains(s)) {
        common++;
      }
    }
    return 2.0 * common / (x.size() + y.size());
  }

  private static void leaves(JsonNode n, String path, Set<String> out) {
    if (n.isContainerNode() && !n.isEmpty()) {
      if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          leaves(n.get(i), path + "/" + i, out);
        }
      } else {
        n.fields().forEachRemaining(f -> leaves(f.getValue(), path + "/" + escape(f.getKey()), out));
      }
    } else {
      out.add(path + "=" + n);
    }
  }

  /** Recursive field diff: objects by member name, arrays by position. */
  static void diff(JsonNode a, JsonNode b, String path, List<Change> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> names = new java.util.LinkedHashSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(a.get(name), b.get(name), path + "/" + escape(name), out);
      }
    } else if (a != null && b != null && a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        diff(a.get(i), b.get(i), path + "/" + i, out);
      }
    } else {
      out.add(new Change(path.isEmpty() ? "/" : path, a, b));
    }
  }

  static String cardKey(JsonNode card) {
    if (!card.isObject()) {
      return null;
    }
    Card view = new Card(0, card);
    String summary = view.summary();
    String label = view.source() == null ? null : view.source().label();
    return summary == null ? null : label + "\u0000" + summary;
  }

  static String actionKey(JsonNode action) {
    if (!action.isObject()) {
      return null;
    }
    Action view = new Action(0, action);
    String target = view.target();
    return target == null ? null : view.type() + "\u0000" + target;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    if (array != null) {
      array.forEach(list::add);
    }
    return list;
  }

  private static JsonNode text(String s) {
    return s == null ? null : TextNode.valueOf(s);
  }
}
