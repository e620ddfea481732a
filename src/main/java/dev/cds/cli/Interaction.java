package dev.cds.cli;

import dev.cds.cards.InteractiveFeedback;
import dev.cds.client.CdsClient;
import dev.cds.client.FeedbackClient;
import dev.cds.model.ServiceOutcome;
import java.util.List;

/** {@code --interactive}: the feedback session after the cards, on a terminal only. */
final class Interaction {
  private Interaction() {}

  static void feedback(CliContext ctx, CdsClient client, List<ServiceOutcome> outcomes) {
    if (!ctx.stdinIsTerminal() || !ctx.stdoutIsTerminal()) {
      ctx.err().println("cds: --interactive needs a terminal on stdin and stdout: no prompts");
      return;
    }
    ctx.out().flush(); // the cards must be on screen before the first prompt
    FeedbackClient feedback = new FeedbackClient(client);
    InteractiveFeedback.onSystemTerminal(outcomes, feedback::send, ctx.clock(), null, ctx.glyphs());
  }
}
