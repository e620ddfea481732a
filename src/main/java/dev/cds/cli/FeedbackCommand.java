package dev.cds.cli;

import dev.cds.client.Feedback;
import dev.cds.client.FeedbackClient;
import dev.cds.http.HttpResult;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "feedback",
    description = "Tell a service what happened to one of its cards (accepted or overridden).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds feedback --base $URL --service crd-sign --card CARD_UUID \\",
      "      --outcome accepted --suggestion SUGGESTION_UUID",
      "  cds feedback --base $URL --service crd-sign --card CARD_UUID \\",
      "      --outcome overridden --reason-code already-authorized \\",
      "      --reason-system http://example.org/reasons --comment 'By phone'"
    })
final class FeedbackCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Mixin ServerOptions server;
  @Mixin AuthOptions auth;

  @Option(names = "--service", paramLabel = "ID", required = true, description = "The service that returned the card.")
  String service;

  @Option(names = "--card", paramLabel = "UUID", required = true, description = "The card's uuid.")
  String card;

  @Option(names = "--outcome", paramLabel = "accepted|overridden", required = true, description = "What the user did.")
  Feedback.Outcome outcome;

  @Option(names = "--suggestion", paramLabel = "UUID", description = "An accepted suggestion's uuid (repeatable; required when accepted).")
  List<String> suggestions;

  @Option(names = "--reason-code", paramLabel = "C", description = "Override reason code (one of the card's overrideReasons).")
  String reasonCode;

  @Option(names = "--reason-system", paramLabel = "S", description = "Override reason code system.")
  String reasonSystem;

  @Option(names = "--reason-display", paramLabel = "D", description = "Override reason display text.")
  String reasonDisplay;

  @Option(names = "--comment", paramLabel = "TEXT", description = "The user's comment on an override.")
  String comment;

  @Option(names = "--timestamp", paramLabel = "RFC3339", description = "When it happened (default: now, UTC).")
  String timestamp;

  private final CliContext ctx;

  FeedbackCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Feedback.Reason reason = null;
    if (reasonCode != null || reasonSystem != null || reasonDisplay != null) {
      reason = new Feedback.Reason(reasonCode, reasonSystem, reasonDisplay);
    }
    Feedback feedback = new Feedback(card, outcome, suggestions, reason, comment, when());
    FeedbackClient client = new FeedbackClient(Wiring.connect(ctx, global, server, auth, null).client());
    HttpResult result = client.send(service, List.of(feedback));
    String answer = result.bodyText().strip();
    if (!answer.isEmpty()) {
      ctx.out().println(shown(answer, result.isJson()));
    }
    ctx.err().println(Sanitizer.line("cds: feedback on card " + card + " sent to " + service + ": HTTP " + result.status()));
    return ExitCode.OK;
  }

  /**
   * The service's answer: JSON re-written by cds (values as received, control characters as
   * escapes), anything else sanitised for the terminal.
   */
  private static String shown(String answer, boolean json) {
    if (json) {
      try {
        return Json.pretty(Json.parse(answer, "the answer"));
      } catch (CdsException notJson) {
        // labelled JSON but is not: shown as text
      }
    }
    return Sanitizer.text(answer);
  }

  private Instant when() {
    if (timestamp == null) {
      return ctx.clock().instant();
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      throw CdsException.usage("--timestamp '" + timestamp + "' is not RFC 3339: write e.g. 2025-01-15T14:02:11Z");
    }
  }
}
