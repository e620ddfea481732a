package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "feedback",
    description = {
      "Tell a service what happened to one of its cards (accepted or overridden).",
      "--output json prints {service, status, body}: the answer's JSON, its text, or",
      "null when it had none."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds feedback --service order-sign-coverage --card CARD_UUID \\",
      "      --outcome accepted --suggestion SUGGESTION_UUID   # illustrative: real uuids",
      "  cds feedback --service order-sign-coverage --card CARD_UUID \\",
      "      --outcome overridden --reason-code already-authorized \\",
      "      --reason-system http://example.org/reasons --comment 'By phone'   # illustrative: real uuids"
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

  /** Accepted suggestions or an override reason: one or the other, as the outcome says. */
  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--suggestion", paramLabel = "UUID", description = "An accepted suggestion's uuid (repeatable; required when accepted).")
    List<String> suggestions;

    @ArgGroup(exclusive = false)
    OverrideReason override;
  }

  static final class OverrideReason {
    @Option(names = "--reason-code", paramLabel = "C", description = "Override reason code (one of the card's overrideReasons).")
    String code;

    @Option(names = "--reason-system", paramLabel = "S", description = "Override reason code system.")
    String system;

    @Option(names = "--reason-display", paramLabel = "D", description = "Override reason display text.")
    String display;

    @Option(names = "--comment", paramLabel = "TEXT", description = "The user's comment on an override.")
    String comment;
  }

  @Option(names = "--timestamp", paramLabel = "RFC3339", description = "When it happened (default: now, UTC).")
  String timestamp;

  private final CliContext ctx;

  FeedbackCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    OverrideReason o = choice == null || choice.override == null ? new OverrideReason() : choice.override;
    Feedback.Reason reason = null;
    if (o.code != null || o.system != null || o.display != null) {
      reason = new Feedback.Reason(o.code, o.system, o.display);
    }
    Feedback feedback = new Feedback(card, outcome, choice == null ? null : choice.suggestions, reason, o.comment, when());
    FeedbackClient client = new FeedbackClient(Wiring.connect(ctx, global, server, auth, null).client());
    HttpResult result = client.send(service, List.of(feedback));
    String answer = result.bodyText().strip();
    if (global.json(ctx)) {
      ObjectNode n = Json.object().put("service", service).put("status", result.status());
      if (answer.isEmpty()) {
        n.putNull("body");
      } else {
        n.set("body", bodyNode(answer, result.isJson()));
      }
      ctx.out().println(Json.pretty(n));
    } else if (!answer.isEmpty()) {
      // JSON is re-written by cds (control characters as escapes); text is sanitised for the terminal
      JsonNode body = bodyNode(answer, result.isJson());
      ctx.out().println(body.isTextual() ? Sanitizer.text(answer) : Json.pretty(body));
    }
    ctx.err().println(Sanitizer.line("cds: feedback on card " + card + " sent to " + service + ": HTTP " + result.status()));
    return ExitCode.OK;
  }

  /** The answer as JSON when it is, else as text: the feedback went through either way. */
  private static JsonNode bodyNode(String answer, boolean json) {
    if (json) {
      try {
        return Json.parse(answer, "the answer");
      } catch (CdsException notJson) {
        // declared JSON but is not: show what came
      }
    }
    return Json.NODES.textNode(answer);
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
