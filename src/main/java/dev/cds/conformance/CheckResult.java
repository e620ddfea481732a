package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A judged check with its evidence: the exchanges it made and notes that explain the verdict.
 *
 * @param reason one line: why it passed, failed or was skipped
 */
public record CheckResult(Check check, Outcome outcome, String reason, List<Exchange> exchanges, List<String> notes) {
  public CheckResult {
    exchanges = List.copyOf(exchanges);
    notes = List.copyOf(notes);
  }

  public CheckResult with(Exchange... more) {
    return with(List.of(more));
  }

  public CheckResult with(Collection<Exchange> more) {
    List<Exchange> all = new ArrayList<>(exchanges);
    more.stream().filter(java.util.Objects::nonNull).forEach(all::add);
    return new CheckResult(check, outcome, reason, all, notes);
  }

  public CheckResult note(String line) {
    return notes(List.of(line));
  }

  public CheckResult notes(Collection<String> lines) {
    List<String> all = new ArrayList<>(notes);
    all.addAll(lines);
    return new CheckResult(check, outcome, reason, exchanges, all);
  }

  /** True when the run should fail for it: a SHALL that failed or could not be judged, or (strict) anything not passed or skipped. */
  public boolean failsRun(boolean strict) {
    if (outcome == Outcome.PASS || outcome == Outcome.SKIP) {
      return false;
    }
    return strict || check.level() == Level.SHALL && (outcome == Outcome.FAIL || outcome == Outcome.ERROR);
  }

  public ObjectNode toJson() {
    Check c = check;
    ObjectNode n = Json.object();
    n.put("id", c.id());
    n.put("level", c.level().name());
    n.put("area", c.area().id());
    if (c.subject() != null) {
      n.put("service", c.subject());
    }
    n.put("title", c.title());
    n.put("result", outcome.label());
    n.put("reason", reason);
    n.put("source", c.source());
    if (!c.covers().isEmpty()) {
      ArrayNode covers = n.putArray("covers");
      c.covers().forEach(covers::add);
    }
    ObjectNode evidence = n.putObject("evidence");
    ArrayNode list = evidence.putArray("exchanges");
    exchanges.forEach(e -> list.add(e.toJson()));
    ArrayNode noteList = evidence.putArray("notes");
    notes.forEach(noteList::add);
    return n;
  }
}
