package dev.cds.cards;

import dev.cds.core.DisplayWidth;
import dev.cds.core.Glyphs;
import dev.cds.core.Sanitizer;
import dev.cds.core.Setting;
import dev.cds.client.Feedback;
import dev.cds.http.HttpResult;
import dev.cds.model.Action;
import dev.cds.model.Card;
import dev.cds.model.Coding;
import dev.cds.model.Response;
import dev.cds.model.ServiceOutcome;
import dev.cds.model.Suggestion;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * After the cards of {@code cds call --interactive}: the user picks a card, accepts suggestions
 * or overrides it (with one of its override reasons and a comment), and the feedback goes to the
 * service at once. Driven by a JLine {@link Terminal}: the system one in use, a dumb one in tests.
 */
public final class InteractiveFeedback {
  /** Sends feedback for one service; throws {@link CdsException} when that fails. */
  @FunctionalInterface
  public interface Sender {
    HttpResult send(String serviceId, List<Feedback> entries);
  }

  private record Choice(String service, Card card) {}

  private final Terminal terminal;
  private final LineReader reader;
  private final PrintWriter out;
  private final Sender sender;
  private final Clock clock;
  private final String defaultService;
  private final Glyphs glyphs;

  /**
   * @param defaultService the service id for outcomes that carry none (a single plain response)
   */
  public InteractiveFeedback(Terminal terminal, Sender sender, Clock clock, String defaultService) {
    this(terminal, sender, clock, defaultService, Glyphs.UNICODE);
  }

  /** @param glyphs ASCII stand-ins on a terminal whose locale is not UTF-8 */
  public InteractiveFeedback(Terminal terminal, Sender sender, Clock clock, String defaultService, Glyphs glyphs) {
    this.glyphs = glyphs;
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder().terminal(terminal).build();
    this.out = terminal.writer();
    this.sender = sender;
    this.clock = clock;
    this.defaultService = defaultService;
  }

  /** Runs on the process's own terminal (caller checked that stdin and stdout are one). */
  public static int onSystemTerminal(List<ServiceOutcome> outcomes, Sender sender, Clock clock, String defaultService,
      Glyphs glyphs) {
    try (Terminal terminal = JlineTerminal.system()) {
      return new InteractiveFeedback(terminal, sender, clock, defaultService, glyphs).run(outcomes);
    } catch (IOException e) {
      throw CdsException.service("cannot open the terminal for {0}: {1}", e, Setting.INTERACTIVE, e.getMessage());
    }
  }

  /** Prompts until the user finishes; returns how many feedback requests were sent. */
  public int run(List<ServiceOutcome> outcomes) {
    List<Choice> choices = new ArrayList<>();
    for (ServiceOutcome o : outcomes) {
      if (!o.failed()) {
        for (Card card : Response.of(o.body()).displayOrder()) {
          if (card.isObject() && card.uuid() != null) {
            choices.add(new Choice(o.service() != null ? o.service() : defaultService, card));
          }
        }
      }
    }
    if (choices.isEmpty()) {
      say("No card has a uuid: there is nothing to give feedback on.");
      return 0;
    }
    int sent = 0;
    try {
      while (true) {
        say("");
        say("Feedback on a card:");
        for (int i = 0; i < choices.size(); i++) {
          Choice c = choices.get(i);
          say(fit("  " + (i + 1) + ". " + Sanitizer.line(DiffReport.cardLabel(c.card().node()))
              + (c.service() == null ? "" : " (" + Sanitizer.line(c.service()) + ")")));
        }
        Integer pick = number(ask("Card number (Enter to finish): "), choices.size());
        if (pick == null) {
          return sent;
        }
        if (pick == 0) {
          continue;
        }
        Feedback feedback = feedbackFor(choices.get(pick - 1));
        if (feedback != null && send(choices.get(pick - 1).service(), feedback)) {
          sent++;
        }
      }
    } catch (EndOfFileException | UserInterruptException e) {
      return sent;
    }
  }

  private Feedback feedbackFor(Choice choice) {
    Card card = choice.card();
    List<Suggestion> suggestions = card.suggestions().stream().filter(s -> s.uuid() != null).toList();
    boolean accept;
    if (suggestions.isEmpty()) {
      say("This card has no suggestion with a uuid: you can override it.");
      accept = false;
    } else {
      String answer = ask("Accept a suggestion or override the card? [a/o]: ").trim().toLowerCase(java.util.Locale.ROOT);
      if (!answer.startsWith("a") && !answer.startsWith("o")) {
        say("'" + Sanitizer.line(answer) + "' is not a choice: answer a (accept) or o (override). Nothing sent.");
        return null;
      }
      accept = answer.startsWith("a");
    }
    if (accept) {
      return accepted(card, suggestions);
    }
    List<Coding> reasons = card.overrideReasons().stream().filter(r -> r.code() != null && r.system() != null).toList();
    Feedback.Reason reason = null;
    if (!reasons.isEmpty()) {
      for (int i = 0; i < reasons.size(); i++) {
        Coding r = reasons.get(i);
        say("  " + (i + 1) + ". " + Sanitizer.line(r.display() == null ? r.code() : r.display()));
      }
      Integer n = 0;
      while (n != null && n == 0) {
        n = number(ask("Override reason number (Enter for none): "), reasons.size());
      }
      if (n != null) {
        Coding r = reasons.get(n - 1);
        reason = new Feedback.Reason(r.code(), r.system(), r.display());
      }
    }
    String comment = ask("Comment (Enter for none): ").trim();
    return new Feedback(card.uuid(), Feedback.Outcome.overridden, List.of(), reason, comment.isEmpty() ? null : comment,
        clock.instant());
  }

  private Feedback accepted(Card card, List<Suggestion> suggestions) {
    for (int i = 0; i < suggestions.size(); i++) {
      say("  " + (i + 1) + ". " + Sanitizer.line(String.valueOf(suggestions.get(i).label())));
    }
    boolean many = "any".equals(card.selectionBehavior());
    List<Suggestion> chosen = new ArrayList<>();
    String answer = ask(many ? "Suggestion numbers (e.g. 1,2): " : "Suggestion number: ");
    for (String part : answer.trim().split("[,\\s]+")) {
      Integer n = number(part, suggestions.size());
      if (n != null && n > 0 && !chosen.contains(suggestions.get(n - 1))) {
        chosen.add(suggestions.get(n - 1));
      }
    }
    if (chosen.isEmpty() || (!many && chosen.size() > 1)) {
      say(chosen.isEmpty() ? "No suggestion chosen: nothing sent." : "This card allows at most one suggestion: nothing sent.");
      return null;
    }
    for (Suggestion s : chosen) {
      if (!chooseActions(s)) {
        return null;
      }
    }
    return new Feedback(card.uuid(), Feedback.Outcome.accepted, chosen.stream().map(Suggestion::uuid).toList(), null, null,
        clock.instant());
  }

  /**
   * CDS Hooks 3.0 {@code actionSelectionBehavior}: with {@code any} or {@code at-most-one} the
   * user picks the actions to apply (the EHR applies them; feedback records only the suggestion).
   * False when the choice breaks the behaviour.
   */
  private boolean chooseActions(Suggestion s) {
    String how = s.actionSelectionBehavior();
    List<Action> actions = s.actions();
    if (how == null || how.equals("all") || actions.size() < 2) {
      return true;
    }
    say("Actions of " + Sanitizer.line(String.valueOf(s.label())) + " (" + CardRenderer.actionChoice(how) + " these):");
    for (int i = 0; i < actions.size(); i++) {
      Action a = actions.get(i);
      say("  " + (i + 1) + ". " + Sanitizer.line(a.type() + (a.target() == null ? "" : " " + a.target())
          + (a.description() == null ? "" : ": " + a.description())));
    }
    List<Integer> picked = new ArrayList<>();
    for (String part : ask("Action numbers (e.g. 1,2; Enter for none): ").trim().split("[,\\s]+")) {
      Integer n = number(part, actions.size());
      if (n != null && n > 0 && !picked.contains(n)) {
        picked.add(n);
      }
    }
    if (how.equals("at-most-one") && picked.size() > 1) {
      say("This suggestion allows at most one action: nothing sent.");
      return false;
    }
    say(picked.isEmpty() ? "No action applied." : "Actions applied: " + picked);
    return true;
  }

  private boolean send(String service, Feedback feedback) {
    if (service == null) {
      say("cds: no service id to send feedback to");
      return false;
    }
    try {
      HttpResult result = sender.send(service, List.of(feedback));
      say("Feedback sent to " + service + ": HTTP " + result.status());
      String answer = result.bodyText().strip();
      if (!answer.isEmpty()) {
        say(answer(result));
      }
      return true;
    } catch (CdsException e) {
      say("cds: " + e.getMessage());
      return false;
    }
  }

  /** The service's answer, pretty-printed when it is JSON. */
  static String answer(HttpResult result) {
    String text = result.bodyText().strip();
    try {
      return result.isJson() ? Json.pretty(Json.parse(text, "the answer")) : text;
    } catch (CdsException e) {
      return text;
    }
  }

  /** A number from 1 to max; null for a blank answer; 0 (after a hint) for anything else. */
  private Integer number(String text, int max) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(t);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the hint
    }
    say("Pick a number from 1 to " + max + ".");
    return 0;
  }

  /** One line per card in the list, cut to the terminal's width (dumb terminals report 0). */
  private String fit(String line) {
    int width = terminal.getWidth();
    return width <= 10 ? line : DisplayWidth.truncate(glyphs.text(line), width, glyphs.ellipsis());
  }

  private String ask(String prompt) {
    return reader.readLine(prompt);
  }

  private void say(String line) {
    out.println(glyphs.text(line));
    out.flush();
  }
}
