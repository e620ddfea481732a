package dev.cds.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.HookCaller;
import java.util.Set;

/**
 * What a load run holds each answer against, beyond "a 2xx JSON object": the checks a single call
 * makes (a card at or above a level, findings under strict checking). An answer that fails one is
 * counted as flagged, by kind, not as an error: the service did answer.
 */
@FunctionalInterface
public interface AnswerCheck {
  /** No checks: answers are scanned, not parsed into a tree, so the client keeps up with fast services. */
  AnswerCheck NONE = (target, body) -> Set.of();

  /**
   * The kinds of problem this answer has, e.g. {@code critical card} or a rule id; empty when it
   * passes. Called from the workers' threads at once, so it must be thread-safe.
   */
  Set<String> problems(HookCaller.Target target, JsonNode body);
}
