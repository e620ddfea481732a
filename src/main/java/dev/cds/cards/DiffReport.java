package dev.cds.cards;

import dev.cds.model.Card;
import dev.cds.model.Action;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.cards.DiffResult.Change;
import dev.cds.cards.DiffResult.ItemDiff;
import dev.cds.cards.DiffResult.Kind;
import dev.cds.cards.DiffResult.ServiceDiff;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link DiffResult} as text for people ({@code - + ~} lines) or as JSON for scripts. */
public final class DiffReport {
  private static final int VALUE_CHARS = 70;
  private static final int CONTEXT = 24;

  private final int width;
  private final Ansi ansi;

  public DiffReport(RenderOptions options) {
    this.width = options.width();
    this.ansi = new Ansi(options.color());
  }

  public String text(DiffResult result) {
    List<String> out = new ArrayList<>();
    boolean headings = result.services().size() > 1 || result.services().stream().anyMatch(s -> s.service() != null);
    int[] cards = new int[Kind.values().length];
    int[] actions = new int[Kind.values().length];
    for (ServiceDiff s : result.services()) {
      if (s.same()) {
        continue;
      }
      if (headings && !out.isEmpty()) {
        out.add("");
      }
      if (s.kind() == Kind.ADDED || s.kind() == Kind.REMOVED) {
        out.add(mark(s.kind()) + " service " + Sanitizer.line(s.service()) + (s.kind() == Kind.ADDED ? " (only in the second)" : " (only in the first)"));
        continue;
      }
      if (headings) {
        out.add(ansi.paint("── " + (s.service() == null ? "response" : Sanitizer.line(s.service())), Ansi.BOLD));
      }
      for (Change c : s.changes()) {
        change(c, "", out);
      }
      for (ItemDiff d : s.cards()) {
        cards[d.kind().ordinal()]++;
        item(d, "card " + cardLabel(d.newItem() != null ? d.newItem() : d.oldItem()), out);
      }
      for (ItemDiff d : s.systemActions()) {
        actions[d.kind().ordinal()]++;
        item(d, "system action " + actionLabel(d.newItem() != null ? d.newItem() : d.oldItem()), out);
      }
    }
    if (result.same()) {
      out.add("No differences.");
    } else {
      List<String> parts = new ArrayList<>();
      count(parts, cards, "card");
      count(parts, actions, "system action");
      long services = result.services().stream().filter(s -> s.kind() == Kind.ADDED || s.kind() == Kind.REMOVED).count();
      if (services > 0) {
        parts.add(services + (services == 1 ? " service" : " services") + " only on one side");
      }
      out.add("");
      out.add(parts.isEmpty() ? "Responses differ." : String.join("; ", parts) + ".");
    }
    return String.join("\n", out) + "\n";
  }

  private void item(ItemDiff d, String label, List<String> out) {
    // labels and changes quote the services' cards: sanitised before our own colours go on
    out.addAll(Wrapper.wrap(List.of(new Span(symbol(d.kind()), colour(d.kind())), Span.plain(" " + Sanitizer.line(label))),
        width, "", "    ", ansi));
    for (Change c : d.changes()) {
      change(c, "    ", out);
    }
  }

  private void change(Change c, String indent, List<String> out) {
    String a = c.oldValue() == null ? null : Json.compact(c.oldValue());
    String b = c.newValue() == null ? null : Json.compact(c.newValue());
    String line = Sanitizer.line(a != null && b != null && (a.length() > VALUE_CHARS || b.length() > VALUE_CHARS)
        ? c.path() + ": " + wordDiff(a, b)
        : c.path() + ": " + value(c.oldValue()) + " → " + value(c.newValue()));
    out.addAll(Wrapper.wrap(line, width, indent, indent + "    ", ansi));
  }

  /**
   * Two long values as one line showing where they differ, as {@code git diff --word-diff} does:
   * the words around the change for context, {@code [-removed-]} and {@code {+added+}}. Cutting
   * both at the same length would hide a change at the end.
   */
  static String wordDiff(String a, String b) {
    int prefix = 0;
    while (prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.length() - prefix && suffix < b.length() - prefix
        && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
      suffix++;
    }
    // widen the changed span to whole words
    while (prefix > 0 && !Character.isWhitespace(a.charAt(prefix - 1))) {
      prefix--;
    }
    while (suffix > 0 && !Character.isWhitespace(a.charAt(a.length() - suffix))) {
      suffix--;
    }
    String before = a.substring(0, prefix);
    String after = a.substring(a.length() - suffix);
    String removed = a.substring(prefix, a.length() - suffix);
    String added = b.substring(prefix, b.length() - suffix);
    String lead = before.length() > CONTEXT ? "…" + before.substring(before.length() - CONTEXT) : before;
    String tail = after.length() > CONTEXT ? after.substring(0, CONTEXT) + "…" : after;
    return lead + (removed.isEmpty() ? "" : "[-" + abbreviate(removed) + "-]")
        + (added.isEmpty() ? "" : "{+" + abbreviate(added) + "+}") + tail;
  }

  private static void count(List<String> parts, int[] counts, String noun) {
    List<String> p = new ArrayList<>();
    if (counts[Kind.CHANGED.ordinal()] > 0) {
      p.add(counts[Kind.CHANGED.ordinal()] + " changed");
    }
    if (counts[Kind.REMOVED.ordinal()] > 0) {
      p.add(counts[Kind.REMOVED.ordinal()] + " removed");
    }
    if (counts[Kind.ADDED.ordinal()] > 0) {
      p.add(counts[Kind.ADDED.ordinal()] + " added");
    }
    if (!p.isEmpty()) {
      parts.add(noun + "s: " + String.join(", ", p));
    }
  }

  private String mark(Kind kind) {
    return ansi.paint(symbol(kind), colour(kind));
  }

  private static String symbol(Kind kind) {
    return switch (kind) {
      case ADDED -> "+";
      case REMOVED -> "-";
      default -> "~";
    };
  }

  private static String colour(Kind kind) {
    return switch (kind) {
      case ADDED -> Ansi.GREEN;
      case REMOVED -> Ansi.RED;
      default -> Ansi.YELLOW;
    };
  }

  static String cardLabel(JsonNode card) {
    if (!card.isObject()) {
      return abbreviate(card.toString());
    }
    Card view = new Card(0, card);
    String indicator = view.indicator();
    String summary = view.summary();
    String source = view.source() == null ? null : view.source().label();
    return "[" + (indicator == null ? "?" : indicator) + "] " + (summary == null ? "(no summary)" : "\"" + summary + "\"")
        + (source == null ? "" : " from " + source);
  }

  static String actionLabel(JsonNode action) {
    if (!action.isObject()) {
      return abbreviate(action.toString());
    }
    Action view = new Action(0, action);
    String type = view.type();
    String target = view.target();
    return (type == null ? "?" : type) + (target == null ? "" : " " + target);
  }

  private static String value(JsonNode v) {
    return v == null ? "(absent)" : abbreviate(Json.compact(v));
  }

  private static String abbreviate(String s) {
    return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS - 1) + "…";
  }

  /** The structured diff for {@code --output json}. */
  public static ObjectNode json(DiffResult result) {
    ObjectNode root = Json.object();
    root.put("same", result.same());
    ArrayNode services = root.putArray("services");
    for (ServiceDiff s : result.services()) {
      ObjectNode n = services.addObject();
      if (s.service() != null) {
        n.put("service", s.service());
      }
      n.put("change", word(s.kind()));
      changes(n.putArray("changes"), s.changes());
      items(n.putArray("cards"), s.cards(), "card");
      items(n.putArray("systemActions"), s.systemActions(), "action");
    }
    return root;
  }

  private static void items(ArrayNode array, List<ItemDiff> items, String noun) {
    for (ItemDiff d : items) {
      ObjectNode n = array.addObject();
      n.put("change", word(d.kind()));
      JsonNode item = d.newItem() != null ? d.newItem() : d.oldItem();
      n.put("label", noun.equals("card") ? cardLabel(item) : actionLabel(item));
      if (d.oldIndex() >= 0) {
        n.put("oldIndex", d.oldIndex());
      }
      if (d.newIndex() >= 0) {
        n.put("newIndex", d.newIndex());
      }
      if (d.kind() == Kind.CHANGED) {
        changes(n.putArray("fields"), d.changes());
      } else {
        n.set(noun, item);
      }
    }
  }

  private static void changes(ArrayNode array, List<Change> changes) {
    for (Change c : changes) {
      ObjectNode n = array.addObject();
      n.put("path", c.path());
      if (c.oldValue() != null) {
        n.set("old", c.oldValue());
      }
      if (c.newValue() != null) {
        n.set("new", c.newValue());
      }
    }
  }

  private static String word(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
