package dev.cds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.Feedback;
import dev.cds.http.HttpResult;
import dev.cds.client.ServiceOutcome;
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

  private record Choice(String service, JsonNode card) {}

  private final Terminal terminal;
  private final LineReader reader;
  private final PrintWriter out;
  private final Sender sender;
  private final Clock clock;
  private final String defaultService;

  /**
   * @param defaultService the service id for outcomes that carry none (a single plain response)
   */
  public InteractiveFeedback(Terminal terminal, Sender sender, Clock clock, String defaultService) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder().terminal(terminal).build();
    this.out = terminal.writer();
    this.sender = sender;
    this.clock = clock;
    this.defaultService = defaultService;
  }

  /** Runs on the process's own terminal (caller checked that stdin and stdout are one). */
  public static int onSystemTerminal(List<ServiceOutcome> outcomes, Sender sender, Clock clock, String defaultService) {
    try (Terminal terminal = JlineTerminal.system()) {
      return new InteractiveFeedback(terminal, sender, clock, defaultService).run(outcomes);
    } catch (IOException e) {
      throw CdsException.service("cannot open the terminal for --interactive: " + e.getMessage(), e);
    }
  }

  /** Prompts until the user finishes; returns how many feedback requests were sent. */
  public int run(List<ServiceOutcome> outcomes) {
    List<Choice> choices = new ArrayList<>();
    for (ServiceOutcome o : outcomes) {
      if (!o.failed()) {
        for (JsonNode card : CardRenderer.displayOrder(o.body())) {
          if (card.isObject() && CardRenderer.text(card, "uuid") != null) {
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
          say(fit("  " + (i + 1) + ". " + DiffReport.cardLabel(c.card()) + (c.service() == null ? "" : " (" + c.service() + ")")));
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
    JsonNode card = choice.card();
    List<JsonNode> suggestions = new ArrayList<>();
    card.path("suggestions").forEach(s -> {
      if (CardRenderer.text(s, "uuid") != null) {
        suggestions.add(s);
      }
    });
    boolean accept;
    if (suggestions.isEmpty()) {
      say("This card has no suggestion with a uuid: you can override it.");
      accept = false;
    } else {
      String answer = ask("Accept a suggestion or override the card? [a/o]: ").trim().toLowerCase(java.util.Locale.ROOT);
      if (!answer.startsWith("a") && !answer.startsWith("o")) {
        say("Nothing sent.");
        return null;
      }
      accept = answer.startsWith("a");
    }
    String uuid = CardRenderer.text(card, "uuid");
    if (accept) {
      for (int i = 0; i < suggestions.size(); i++) {
        say("  " + (i + 1) + ". " + CardRenderer.text(suggestions.get(i), "label"));
      }
      boolean many = "any".equals(CardRenderer.text(card, "selectionBehavior"));
      List<String> ids = new ArrayList<>();
      String answer = ask(many ? "Suggestion numbers (e.g. 1,2): " : "Suggestion number: ");
      for (String part : answer.split("[,\\s]+")) {
        Integer n = number(part, suggestions.size());
        if (n != null && n > 0 && !ids.contains(CardRenderer.text(suggestions.get(n - 1), "uuid"))) {
          ids.add(CardRenderer.text(suggestions.get(n - 1), "uuid"));
        }
      }
      if (ids.isEmpty() || (!many && ids.size() > 1)) {
        say(ids.isEmpty() ? "No suggestion chosen: nothing sent." : "This card allows at most one suggestion: nothing sent.");
        return null;
      }
      return new Feedback(uuid, Feedback.Outcome.accepted, ids, null, null, clock.instant());
    }
    List<JsonNode> reasons = new ArrayList<>();
    card.path("overrideReasons").forEach(r -> {
      if (CardRenderer.text(r, "code") != null && CardRenderer.text(r, "system") != null) {
        reasons.add(r);
      }
    });
    Feedback.Reason reason = null;
    if (!reasons.isEmpty()) {
      for (int i = 0; i < reasons.size(); i++) {
        JsonNode r = reasons.get(i);
        String display = CardRenderer.text(r, "display");
        say("  " + (i + 1) + ". " + (display == null ? CardRenderer.text(r, "code") : display));
      }
      Integer n = 0;
      while (n != null && n == 0) {
        n = number(ask("Override reason number (Enter for none): "), reasons.size());
      }
      if (n != null) {
        JsonNode r = reasons.get(n - 1);
        reason = new Feedback.Reason(CardRenderer.text(r, "code"), CardRenderer.text(r, "system"), CardRenderer.text(r, "display"));
      }
    }
    String comment = ask("Comment (Enter for none): ").trim();
    return new Feedback(uuid, Feedback.Outcome.overridden, List.of(), reason, comment.isEmpty() ? null : comment, clock.instant());
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
    return width <= 10 || line.length() <= width ? line : line.substring(0, width - 1) + "…";
  }

  private String ask(String prompt) {
    return reader.readLine(prompt);
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
