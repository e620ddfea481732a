package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.ServiceOutcome;
import dev.cds.core.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cards as text blocks for a terminal: badge and summary, source, detail from markdown,
 * suggestions, override reasons, links, then system actions. Input that breaks the spec still
 * renders, with a visible warning line: a card is never a reason to fail.
 */
public final class CardRenderer {
  private static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");
  private static final Set<String> SELECTION = Set.of("at-most-one", "any");
  private static final String INDENT = "  ";

  private final int width;
  private final Ansi ansi;
  private final Markdown markdown;

  public CardRenderer(RenderOptions options) {
    this.width = options.width();
    this.ansi = new Ansi(options.color());
    this.markdown = new Markdown(width, ansi);
  }

  /** One response, without a service heading. */
  public String renderResponse(JsonNode response) {
    return render(List.of(new ServiceOutcome(null, null, 200, 0, response, null)));
  }

  /**
   * Several services' answers in order, each under a heading with its HTTP status and elapsed
   * time (outcomes read from a plain response file have no service id and get no heading).
   */
  public String render(List<ServiceOutcome> outcomes) {
    List<String> out = new ArrayList<>();
    Map<Indicator, Integer> totals = new EnumMap<>(Indicator.class);
    long failed = outcomes.stream().filter(ServiceOutcome::failed).count();
    for (ServiceOutcome outcome : outcomes) {
      if (!out.isEmpty()) {
        out.add("");
      }
      if (outcome.service() != null) {
        out.add(heading(outcome));
      }
      if (outcome.failed()) {
        out.addAll(Wrapper.wrap("error: " + outcome.error(), width, INDENT, INDENT + "  ", ansi)
            .stream().map(l -> ansi.paint(l, Ansi.RED)).toList());
      } else {
        body(outcome.body(), out, totals);
      }
    }
    if (outcomes.size() > 1) {
      out.add("");
      out.add(totals(totals) + (failed == 0 ? "" : " · " + failed + (failed == 1 ? " service" : " services") + " failed"));
    }
    return String.join("\n", out) + "\n";
  }

  /** The cards of a response in display order: critical, warning, info, then unknown; stable. */
  public static List<JsonNode> displayOrder(JsonNode response) {
    List<JsonNode> cards = new ArrayList<>();
    JsonNode array = response == null ? null : response.get("cards");
    if (array != null && array.isArray()) {
      array.forEach(cards::add);
    }
    cards.sort(Comparator.comparingInt(Indicator::rank));
    return cards;
  }

  private String heading(ServiceOutcome o) {
    String status = o.status() == 0 ? "no response" : "HTTP " + o.status();
    String text = "── " + o.service() + (o.hook() == null ? "" : " (" + o.hook() + ")") + " · " + status
        + " · " + Durations.format(Duration.ofMillis(o.elapsedMillis())) + " ";
    return ansi.paint(text + "─".repeat(Math.max(2, width - text.length())), Ansi.BOLD);
  }

  private String totals(Map<Indicator, Integer> totals) {
    int all = totals.values().stream().mapToInt(Integer::intValue).sum();
    List<String> parts = new ArrayList<>();
    totals.forEach((level, n) -> parts.add(n + " " + level.word()));
    return all + (all == 1 ? " card" : " cards") + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  private void body(JsonNode body, List<String> out, Map<Indicator, Integer> totals) {
    if (body == null || !body.isObject()) {
      out.add(warning("the response is not a JSON object: expected {\"cards\": [...]}"));
      return;
    }
    JsonNode cards = body.get("cards");
    if (cards == null) {
      out.add(warning("the response has no 'cards' array (required; [] means no advice)"));
    } else if (!cards.isArray()) {
      out.add(warning("'cards' is " + kind(cards) + ", not an array"));
    } else if (cards.isEmpty()) {
      out.add(ansi.paint("No cards.", Ansi.DIM));
    }
    boolean first = true;
    for (JsonNode card : displayOrder(body)) {
      if (!first) {
        out.add("");
      }
      first = false;
      Indicator level = card.isObject() ? Indicator.of(card) : null;
      if (level != null) {
        totals.merge(level, 1, Integer::sum);
      }
      card(card, out);
    }
    JsonNode actions = body.get("systemActions");
    if (actions != null && !actions.isArray()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      out.add(warning("'systemActions' is " + kind(actions) + ", not an array"));
    } else if (actions != null && !actions.isEmpty()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      out.add(ansi.paint("System actions:", Ansi.BOLD));
      for (JsonNode action : actions) {
        systemAction(action, out);
      }
    }
  }

  private void card(JsonNode card, List<String> out) {
    if (!card.isObject()) {
      out.add("[?] " + abbreviate(card.toString()));
      out.add(warning("a card is " + kind(card) + ", not an object"));
      return;
    }
    List<String> warnings = new ArrayList<>();
    out.addAll(header(card, warnings));
    source(card.get("source"), out, warnings);
    CrdTags.cardTag(card).ifPresent(tag -> out.add(ansi.paint(INDENT + tag, Ansi.DIM))); // Da Vinci CRD response type
    List<String> rest = new ArrayList<>();
    JsonNode detail = card.get("detail");
    if (detail != null && detail.isTextual() && !detail.asText().isBlank()) {
      rest.add("");
      rest.addAll(markdown.render(detail.asText(), INDENT));
    } else if (detail != null && !detail.isTextual()) {
      warnings.add("'detail' is " + kind(detail) + ", not markdown text");
    }
    suggestions(card, rest, warnings);
    overrideReasons(card.get("overrideReasons"), rest, warnings);
    links(card.get("links"), rest, warnings);
    warnings.forEach(w -> out.add(warning(w)));
    out.addAll(rest);
    if (card.path("uuid").isTextual()) {
      out.add(ansi.paint(INDENT + "uuid " + card.get("uuid").asText(), Ansi.DIM));
    }
  }

  private List<String> header(JsonNode card, List<String> warnings) {
    JsonNode raw = card.get("indicator");
    Indicator level = Indicator.of(card);
    String word;
    String colour;
    if (level != null) {
      word = level.word().toUpperCase(java.util.Locale.ROOT);
      colour = "1;" + (level == Indicator.WARNING ? "30;" : "97;") + (Integer.parseInt(level.colour()) + 10);
      if (raw.asText().equals("hard-stop")) {
        warnings.add("indicator 'hard-stop' is pre-1.0 CDS Hooks: shown as critical");
      }
    } else {
      word = raw == null ? "?" : abbreviate(raw.isTextual() ? raw.asText() : raw.toString()) + "?";
      colour = "1;7";
      warnings.add(raw == null ? "the card has no indicator (required: info, warning or critical)"
          : "unknown indicator " + raw + " (expected info, warning or critical)");
    }
    String badge = ansi.on() ? " " + word + " " : "[" + word + "]";
    JsonNode summary = card.get("summary");
    String text;
    if (summary != null && summary.isTextual() && !summary.asText().isBlank()) {
      text = summary.asText();
      if (text.length() >= 140) {
        warnings.add("the summary has " + text.length() + " characters (the spec asks for fewer than 140)");
      }
    } else {
      text = "(no summary)";
      warnings.add("the card has no summary (required)");
    }
    String pad = " ".repeat(badge.length() + 1);
    List<String> lines = new ArrayList<>(Wrapper.wrap(List.of(new Span(text, Ansi.BOLD)), width, pad, pad, ansi));
    lines.set(0, ansi.paint(badge, colour) + lines.get(0).substring(badge.length()));
    return lines;
  }

  private void source(JsonNode source, List<String> out, List<String> warnings) {
    if (source == null) {
      warnings.add("the card has no source (required: at least a label)");
      return;
    }
    if (!source.isObject()) {
      warnings.add("'source' is " + kind(source) + ", not an object");
      return;
    }
    String label = text(source, "label");
    if (label == null) {
      warnings.add("the source has no label (required)");
    }
    String url = text(source, "url");
    List<Span> spans = new ArrayList<>();
    spans.add(new Span("source: ", Ansi.DIM));
    spans.add(Span.plain(label == null ? "(no label)" : label));
    if (url != null) {
      spans.add(new Span(" <" + url + ">", Ansi.UNDERLINE));
    }
    out.addAll(Wrapper.wrap(spans, width, INDENT, INDENT + "  ", ansi));
    JsonNode topic = source.get("topic");
    if (topic != null && topic.isObject()) {
      String display = text(topic, "display");
      String code = text(topic, "code");
      String shown = display == null ? (code == null ? "(no code)" : code)
          : display + (code == null ? "" : " (" + code + ")");
      out.addAll(Wrapper.wrap(List.of(new Span("topic: ", Ansi.DIM), Span.plain(shown)), width, INDENT, INDENT + "  ", ansi));
    }
  }

  private void suggestions(JsonNode card, List<String> out, List<String> warnings) {
    JsonNode suggestions = card.get("suggestions");
    JsonNode behaviour = card.get("selectionBehavior");
    String how = behaviour == null ? null : behaviour.asText();
    if (suggestions == null) {
      if (how != null) {
        out.add("");
        out.add(INDENT + ansi.paint("selectionBehavior: ", Ansi.DIM) + how + " (no suggestions)");
      }
      return;
    }
    if (!suggestions.isArray()) {
      warnings.add("'suggestions' is " + kind(suggestions) + ", not an array");
      return;
    }
    if (how == null) {
      warnings.add("suggestions without selectionBehavior (required: at-most-one or any)");
    } else if (!SELECTION.contains(how)) {
      warnings.add("unknown selectionBehavior '" + how + "' (expected at-most-one or any)");
    }
    out.add("");
    out.add(INDENT + ansi.paint("Suggestions", Ansi.BOLD)
        + (how == null ? ":" : " (" + ansi.paint("selectionBehavior", Ansi.DIM) + " " + how + "):"));
    int n = 0;
    for (JsonNode s : suggestions) {
      n++;
      String number = INDENT + "  " + n + ". ";
      String hang = " ".repeat(number.length());
      if (!s.isObject()) {
        warnings.add("suggestion " + n + " is " + kind(s) + ", not an object");
        out.add(number + "?");
        continue;
      }
      String label = text(s, "label");
      if (label == null) {
        warnings.add("suggestion " + n + " has no label (required)");
      }
      List<Span> spans = new ArrayList<>();
      spans.add(Span.plain(label == null ? "(no label)" : label));
      if (s.path("isRecommended").asBoolean(false)) {
        spans.add(new Span(" ★ recommended", Ansi.GREEN));
      }
      out.addAll(Wrapper.wrap(spans, width, number, hang, ansi));
      JsonNode actions = s.get("actions");
      if (actions != null && !actions.isArray()) {
        warnings.add("suggestion " + n + ": 'actions' is not an array");
      } else if (actions != null) {
        for (JsonNode a : actions) {
          action(a, out, hang, "suggestion " + n, true, warnings);
        }
      }
      if (s.path("uuid").isTextual()) {
        out.add(ansi.paint(hang + "uuid " + s.get("uuid").asText(), Ansi.DIM));
      }
    }
  }

  private void action(JsonNode a, List<String> out, String indent, String owner, boolean needsDescription, List<String> warnings) {
    if (!a.isObject()) {
      warnings.add(owner + ": an action is " + kind(a) + ", not an object");
      return;
    }
    String type = text(a, "type");
    if (type == null || !ACTION_TYPES.contains(type)) {
      warnings.add(owner + ": action type " + (type == null ? "missing" : "'" + type + "' unknown") + " (expected create, update or delete)");
    }
    String description = text(a, "description");
    if (description == null && needsDescription) {
      warnings.add(owner + ": an action has no description (required)");
    }
    List<Span> spans = new ArrayList<>();
    spans.add(new Span(type == null ? "?" : type, Ansi.CYAN));
    String target = target(a);
    if (target != null) {
      spans.add(Span.plain(" " + target));
    }
    if (description != null) {
      spans.add(Span.plain(": " + description));
    }
    out.addAll(Wrapper.wrap(spans, width, indent, indent + "  ", ansi));
  }

  /** What an action touches: {@code Type/id} from its resource or resourceId (1.0 put it in resource). */
  static String target(JsonNode action) {
    JsonNode resource = action.get("resource");
    String resourceId = text(action, "resourceId");
    if (resource != null && resource.isObject()) {
      String type = text(resource, "resourceType");
      String id = text(resource, "id");
      if (type != null) {
        return id == null ? (resourceId != null ? resourceId : type) : type + "/" + id;
      }
    } else if (resource != null && resource.isTextual()) {
      return resource.asText();
    }
    return resourceId;
  }

  private void overrideReasons(JsonNode reasons, List<String> out, List<String> warnings) {
    if (reasons == null) {
      return;
    }
    if (!reasons.isArray()) {
      warnings.add("'overrideReasons' is " + kind(reasons) + ", not an array");
      return;
    }
    out.add("");
    out.add(INDENT + ansi.paint("Override reasons:", Ansi.BOLD));
    for (JsonNode r : reasons) {
      String display = text(r, "display");
      String code = text(r, "code");
      if (display == null) {
        warnings.add("an override reason has no display (required)");
      }
      if (code == null || text(r, "system") == null) {
        warnings.add("an override reason lacks its code or system (both required)");
      }
      String shown = (display == null ? "(no display)" : display) + (code == null ? "" : " [" + code + "]");
      out.addAll(Wrapper.wrap(shown, width, INDENT + "  • ", INDENT + "    ", ansi));
    }
  }

  private void links(JsonNode links, List<String> out, List<String> warnings) {
    if (links == null) {
      return;
    }
    if (!links.isArray()) {
      warnings.add("'links' is " + kind(links) + ", not an array");
      return;
    }
    out.add("");
    out.add(INDENT + ansi.paint("Links:", Ansi.BOLD));
    for (JsonNode l : links) {
      String label = text(l, "label");
      String url = text(l, "url");
      String type = text(l, "type");
      if (label == null || url == null) {
        warnings.add("a link lacks its label or url (both required)");
      }
      if (type == null || !(type.equals("absolute") || type.equals("smart"))) {
        warnings.add("link type " + (type == null ? "missing" : "'" + type + "' unknown") + " (expected absolute or smart)");
      }
      List<String> tags = new ArrayList<>();
      if (type != null && !type.equals("absolute")) {
        tags.add(type);
      }
      String appContext = text(l, "appContext");
      if (appContext != null) {
        tags.add("appContext: " + appContext);
        if (!"smart".equals(type)) {
          warnings.add("a link has appContext but is not a smart link");
        }
      }
      if (l.path("autolaunchable").asBoolean(false)) {
        tags.add("autolaunchable");
      }
      List<Span> spans = new ArrayList<>();
      spans.add(Span.plain(label == null ? "(no label)" : label));
      spans.add(new Span(" <" + (url == null ? "no url" : url) + ">", Ansi.UNDERLINE));
      if (!tags.isEmpty()) {
        spans.add(new Span(" (" + String.join(", ", tags) + ")", Ansi.DIM));
      }
      out.addAll(Wrapper.wrap(spans, width, INDENT + "  • ", INDENT + "    ", ansi));
    }
  }

  private void systemAction(JsonNode action, List<String> out) {
    List<String> warnings = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    JsonNode resource = action.path("resource");
    List<CoverageInformation> coverage = resource.isObject() ? CoverageInformation.of(resource) : List.of();
    if (coverage.isEmpty()) {
      action(action, lines, INDENT, "a system action", false, warnings);
    } else {
      String target = target(action);
      for (CoverageInformation info : coverage) {
        List<Span> spans = List.of(new Span(target == null ? "?" : target, Ansi.CYAN), Span.plain(" — " + info.summary()));
        lines.addAll(Wrapper.wrap(spans, width, INDENT, INDENT + "  ", ansi));
      }
      CrdTags.dtrHints(action).forEach(h -> lines.addAll(Wrapper.wrap(h, width, INDENT + "  ", INDENT + "    ", ansi))); // CRD: DTR
    }
    warnings.forEach(w -> out.add(warning(w)));
    out.addAll(lines);
  }

  private String warning(String text) {
    return String.join("\n", Wrapper.wrap("! " + text, width, INDENT, INDENT + "  ", ansi).stream()
        .map(l -> ansi.paint(l, Ansi.YELLOW)).toList());
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "…";
  }
}
