package dev.cds.cards;

import dev.cds.core.SafeUrls;
import dev.cds.core.Sanitizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Durations;
import dev.cds.model.Action;
import dev.cds.model.Card;
import dev.cds.model.Coding;
import dev.cds.model.Link;
import dev.cds.model.Response;
import dev.cds.model.ServiceOutcome;
import dev.cds.model.Suggestion;
import dev.cds.model.SystemAction;
import dev.cds.validate.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cards as text blocks for a terminal: badge and summary, source, detail from markdown,
 * suggestions, override reasons, links, then system actions. It has no rules of its own: what is
 * wrong with a response comes from the validator as findings, each shown under the card its
 * pointer names ({@code /cards/1/…}), the rest after the service's cards. Every card is labelled
 * with its index in the response, so a pointer can be found although cards are shown critical
 * first. Whatever the shape, something is shown: a card is never a reason to fail.
 */
public final class CardRenderer {
  private static final String INDENT = "  ";

  /** One service's answer and the findings about it. */
  public record Shown(ServiceOutcome outcome, List<Finding> findings) {
    public Shown {
      findings = findings == null ? List.of() : List.copyOf(findings);
    }
  }

  private final int width;
  private final Ansi ansi;
  private final RenderOptions options;
  private Markdown markdown;

  public CardRenderer(RenderOptions options) {
    this.options = options;
    this.width = options.width();
    this.ansi = new Ansi(options.color());
  }

  /** One response, without a service heading. */
  public String renderResponse(JsonNode response, List<Finding> findings) {
    return render(List.of(new Shown(new ServiceOutcome(null, null, 200, 0, response, null), findings)));
  }

  /**
   * Several services' answers in order, each under a heading with its HTTP status and elapsed
   * time (outcomes read from a plain response file have no service id and get no heading), then
   * a count of cards by level when there are several services.
   */
  public String render(List<Shown> shown) {
    List<String> out = new ArrayList<>();
    int[] totals = new int[4];
    int failed = 0;
    for (Shown s : shown) {
      failed += s.outcome().failed() ? 1 : 0;
      if (!out.isEmpty()) {
        out.add("");
      }
      out.addAll(service(s, totals));
    }
    if (shown.size() > 1) {
      out.add("");
      out.add(totals(totals) + (failed == 0 ? "" : " · " + failed + (failed == 1 ? " service" : " services") + " failed"));
    }
    return String.join("\n", out) + "\n";
  }

  /** One service's block: heading, cards (or its error), system actions, remaining findings. */
  public List<String> service(Shown s, int[] totals) {
    List<String> out = new ArrayList<>();
    ServiceOutcome o = s.outcome();
    if (o.service() != null) {
      out.add(heading(o));
    }
    if (o.failed()) {
      out.addAll(paint(Wrapper.wrap("error: " + clean(o.error()), width, INDENT, INDENT + "  ", ansi), Ansi.RED));
    } else {
      body(Response.of(o.body()), s.findings(), out, totals);
    }
    List<Finding> rest = onCard(s.findings(), -1);
    if (!rest.isEmpty()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      for (Finding f : rest) {
        out.addAll(finding(f, INDENT));
      }
    }
    return out;
  }

  private String heading(ServiceOutcome o) {
    String status = o.status() == 0 ? "no response" : "HTTP " + o.status();
    String text = "── " + clean(o.service()) + (o.hook() == null ? "" : " (" + clean(o.hook()) + ")") + " · " + status
        + " · " + Durations.format(Duration.ofMillis(o.elapsedMillis())) + " ";
    return ansi.paint(text + "─".repeat(Math.max(2, width - text.length())), Ansi.BOLD);
  }

  /** "5 cards (1 critical, 2 warning, 1 info, 1 other)". */
  public static String totals(int[] totals) {
    int all = totals[0] + totals[1] + totals[2] + totals[3];
    List<String> parts = new ArrayList<>();
    String[] words = {"critical", "warning", "info", "other"};
    for (int i = 0; i < 4; i++) {
      if (totals[i] > 0) {
        parts.add(totals[i] + " " + words[i]);
      }
    }
    return all + (all == 1 ? " card" : " cards") + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  private void body(Response response, List<Finding> findings, List<String> out, int[] totals) {
    if (!response.isObject()) {
      return; // the findings say what it is instead
    }
    List<Card> cards = response.displayOrder();
    if (cards.isEmpty() && response.node().path("cards").isArray()) {
      out.add(ansi.paint(INDENT + "No cards.", Ansi.DIM));
    }
    boolean first = true;
    for (Card card : cards) {
      if (!first) {
        out.add("");
      }
      first = false;
      totals[card.rank()]++;
      card(card, onCard(findings, card.index()), out);
    }
    List<SystemAction> actions = response.systemActions();
    if (!actions.isEmpty()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      out.add(ansi.paint("System actions:", Ansi.BOLD));
      for (SystemAction a : actions) {
        systemAction(a, out);
      }
    }
  }

  private void card(Card card, List<Finding> findings, List<String> out) {
    if (!card.isObject()) {
      out.add("[?] " + clean(abbreviate(card.node().toString())));
    } else {
      out.addAll(header(card));
      source(card, out);
      Optional<String> tag = CrdTags.cardTag(card.node()); // Da Vinci CRD response type
      if (tag.isPresent()) {
        out.add(ansi.paint(INDENT + tag.get(), Ansi.DIM));
      }
    }
    for (Finding f : findings) {
      out.addAll(finding(f, INDENT));
    }
    if (!card.isObject()) {
      out.add(ansi.paint(INDENT + card.pointer(), Ansi.DIM));
      return;
    }
    if (card.detail() != null) {
      out.add("");
      out.addAll(markdown().render(Sanitizer.text(card.detail()), INDENT));
    }
    suggestions(card, out);
    overrideReasons(card.overrideReasons(), out);
    links(card.links(), out);
    String label = card.pointer() + (card.uuid() == null ? "" : " · uuid " + clean(card.uuid()));
    out.addAll(paint(Wrapper.wrap(label, width, INDENT, INDENT, new Ansi(false)), Ansi.DIM));
  }

  private List<String> header(Card card) {
    Indicator level = Indicator.of(card.node());
    String raw = card.indicator();
    String word;
    String colour;
    if (level != null) {
      word = level.word().toUpperCase(Locale.ROOT);
      colour = "1;" + (level == Indicator.WARNING ? "30;" : "97;") + (Integer.parseInt(level.colour()) + 10);
    } else {
      word = raw == null ? "?" : clean(abbreviate(raw)) + "?";
      colour = "1;7";
    }
    String badge = ansi.on() ? " " + word + " " : "[" + word + "]";
    String text = card.summary() == null ? "(no summary)" : clean(card.summary());
    String pad = " ".repeat(badge.length() + 1);
    List<String> lines = new ArrayList<>(Wrapper.wrap(List.of(new Span(text, Ansi.BOLD)), width, pad, pad, ansi));
    lines.set(0, ansi.paint(badge, colour) + lines.get(0).substring(badge.length()));
    return lines;
  }

  private void source(Card card, List<String> out) {
    Card.Source source = card.source();
    if (source == null) {
      return;
    }
    List<Span> spans = new ArrayList<>();
    spans.add(new Span("source: ", Ansi.DIM));
    spans.add(Span.plain(source.label() == null ? "(no label)" : clean(source.label())));
    if (source.url() != null) {
      spans.add(url(source.url()));
    }
    out.addAll(Wrapper.wrap(spans, width, INDENT, INDENT + "  ", ansi));
    Coding topic = source.topic();
    if (topic != null) {
      String display = topic.display();
      String code = topic.code();
      String shown = display == null ? (code == null ? "(no code)" : code) : display + (code == null ? "" : " (" + code + ")");
      out.addAll(Wrapper.wrap(List.of(new Span("topic: ", Ansi.DIM), Span.plain(clean(shown))), width, INDENT,
          INDENT + "  ", ansi));
    }
  }

  private void suggestions(Card card, List<String> out) {
    List<Suggestion> suggestions = card.suggestions();
    String how = card.selectionBehavior();
    if (suggestions.isEmpty()) {
      return;
    }
    out.add("");
    out.add(INDENT + ansi.paint("Suggestions", Ansi.BOLD)
        + (how == null ? ":" : " (" + choose(clean(how)) + "):"));
    for (Suggestion s : suggestions) {
      String number = INDENT + "  " + (s.index() + 1) + ". ";
      String hang = " ".repeat(number.length());
      if (!s.node().isObject()) {
        out.add(number + "?");
        continue;
      }
      List<Span> spans = new ArrayList<>();
      spans.add(Span.plain(s.label() == null ? "(no label)" : clean(s.label())));
      if (s.recommended()) {
        spans.add(new Span(" ★ recommended", Ansi.GREEN));
      }
      out.addAll(Wrapper.wrap(spans, width, number, hang, ansi));
      List<Action> actions = s.actions();
      String behaviour = s.actionSelectionBehavior();
      String actionIndent = hang;
      if (behaviour != null && !actions.isEmpty()) {
        out.add(ansi.paint(hang + actionChoice(clean(behaviour)) + ":", Ansi.DIM));
        actionIndent = hang + "  ";
      }
      for (Action a : actions) {
        action(a, out, actionIndent);
      }
      if (s.uuid() != null) {
        out.add(ansi.paint(hang + "uuid " + clean(s.uuid()), Ansi.DIM));
      }
    }
  }

  /** A card's selectionBehavior in words. */
  private String choose(String how) {
    return switch (how) {
      case "at-most-one" -> "choose at most one";
      case "any" -> "choose any";
      default -> ansi.paint("selectionBehavior", Ansi.DIM) + " " + how;
    };
  }

  /** A suggestion's actionSelectionBehavior (CDS Hooks 3.0) in words. */
  static String actionChoice(String how) {
    return switch (how) {
      case "all" -> "all of";
      case "any" -> "any of";
      case "at-most-one" -> "at most one of";
      default -> how + " of";
    };
  }

  private void action(Action a, List<String> out, String indent) {
    if (!a.node().isObject()) {
      out.add(indent + "?");
      return;
    }
    List<Span> spans = new ArrayList<>();
    spans.add(new Span(a.type() == null ? "?" : clean(a.type()), Ansi.CYAN));
    String target = a.target();
    if (target != null) {
      spans.add(Span.plain(" " + clean(target)));
    }
    if (a.description() != null) {
      spans.add(Span.plain(": " + clean(a.description())));
    }
    out.addAll(Wrapper.wrap(spans, width, indent, indent + "  ", ansi));
  }

  private void overrideReasons(List<Coding> reasons, List<String> out) {
    if (reasons.isEmpty()) {
      return;
    }
    out.add("");
    out.add(INDENT + ansi.paint("Override reasons:", Ansi.BOLD));
    for (Coding r : reasons) {
      String shown = (r.display() == null ? "(no display)" : r.display()) + (r.code() == null ? "" : " [" + r.code() + "]");
      out.addAll(Wrapper.wrap(clean(shown), width, INDENT + "  • ", INDENT + "    ", ansi));
    }
  }

  private void links(List<Link> links, List<String> out) {
    if (links.isEmpty()) {
      return;
    }
    out.add("");
    out.add(INDENT + ansi.paint("Links:", Ansi.BOLD));
    for (Link l : links) {
      List<String> tags = new ArrayList<>();
      if (l.type() != null && !l.type().equals("absolute")) {
        tags.add(clean(l.type()));
      }
      String appContext = l.appContext();
      if (appContext != null) {
        // the full value is in --output json; a long one would push the link off the screen
        tags.add(appContext.length() > Math.max(20, width / 3)
            ? "appContext: " + appContext.length() + " characters" : "appContext: " + clean(appContext));
      }
      if (l.autolaunchable()) {
        tags.add("autolaunchable");
      }
      List<Span> spans = new ArrayList<>();
      spans.add(Span.plain(l.label() == null ? "(no label)" : clean(l.label())));
      spans.add(l.url() == null ? new Span(" <no url>", Ansi.DIM) : url(l.url()));
      if (!tags.isEmpty()) {
        spans.add(new Span(" (" + String.join(", ", tags) + ")", Ansi.DIM));
      }
      out.addAll(Wrapper.wrap(spans, width, INDENT + "  • ", INDENT + "    ", ansi));
    }
  }

  private void systemAction(SystemAction action, List<String> out) {
    JsonNode resource = action.action().resource();
    List<CoverageInformation> coverage = resource == null ? List.of() : CoverageInformation.of(resource);
    if (coverage.isEmpty()) {
      action(action.action(), out, INDENT);
      return;
    }
    String target = action.action().target();
    for (CoverageInformation info : coverage) {
      List<Span> spans = List.of(new Span(target == null ? "?" : clean(target), Ansi.CYAN),
          Span.plain(" — " + clean(info.summary())));
      out.addAll(Wrapper.wrap(spans, width, INDENT, INDENT + "  ", ansi));
    }
    for (String hint : CrdTags.dtrHints(action.node())) { // CRD DTR hint
      out.addAll(Wrapper.wrap(clean(hint), width, INDENT + "  ", INDENT + "    ", ansi));
    }
  }

  /** A URL in angle brackets; one with a dangerous scheme is shown inert, never as a link. */
  private Span url(String url) {
    String shown = clean(url);
    return SafeUrls.isSafe(url) ? new Span(" <" + shown + ">", Ansi.UNDERLINE) : new Span(" (unsafe link not shown as a link: " + shown + ")", Ansi.DIM);
  }

  private List<String> finding(Finding f, String indent) {
    String mark = f.isError() ? "✗ " : "! ";
    String text = mark + clean(f.message()) + " [" + f.rule() + (f.path().isEmpty() ? "" : " " + f.path()) + "]";
    return paint(Wrapper.wrap(text, width, indent, indent + "  ", ansi), f.isError() ? Ansi.RED : Ansi.YELLOW);
  }

  private List<String> paint(List<String> lines, String style) {
    List<String> painted = new ArrayList<>(lines.size());
    for (String l : lines) {
      painted.add(ansi.paint(l, style));
    }
    return painted;
  }

  /** The findings on card {@code index}, or with -1 those on no card. */
  private static List<Finding> onCard(List<Finding> findings, int index) {
    List<Finding> on = new ArrayList<>();
    for (Finding f : findings) {
      int at = cardIndex(f);
      if (index < 0 ? at < 0 : at == index) {
        on.add(f);
      }
    }
    return on;
  }

  /** The card a finding's pointer is in ({@code /cards/N…}), or -1. */
  static int cardIndex(Finding f) {
    String p = f.path();
    if (!p.startsWith("/cards/")) {
      return -1;
    }
    int end = p.indexOf('/', 7);
    try {
      return Integer.parseInt(end < 0 ? p.substring(7) : p.substring(7, end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Markdown markdown() {
    if (markdown == null) {
      markdown = new Markdown(width, ansi);
    }
    return markdown;
  }

  /** Whatever a service wrote, made safe for a terminal before our own styling is added. */
  private static String clean(String untrusted) {
    return Sanitizer.line(untrusted);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "…";
  }

  RenderOptions options() {
    return options;
  }
}
