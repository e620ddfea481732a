package dev.cds.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished conformance run: every check's result with its evidence, and the verdict.
 *
 * @param base the CDS server's base URL
 * @param suites the suites run ({@code cds-hooks}, {@code crd})
 * @param spec the CDS Hooks version the checks followed
 * @param requests how many requests were sent, discovery included
 * @param notes run-level remarks (discovery oddities, hook versions), one line each
 * @param strict whether warnings fail the run
 */
public record Report(String base, List<String> suites, String spec, Instant started, long elapsedMillis, int requests,
    List<CheckResult> results, List<String> notes, boolean strict) {

  public Report {
    suites = List.copyOf(suites);
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }

  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** "41 passed, 3 failed, 5 skipped", with warnings and errors when there are any. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    parts.add(count(Outcome.PASS) + " passed");
    parts.add(count(Outcome.FAIL) + " failed");
    if (count(Outcome.WARN) > 0) {
      parts.add(count(Outcome.WARN) + " warned");
    }
    if (count(Outcome.ERROR) > 0) {
      parts.add(count(Outcome.ERROR) + (count(Outcome.ERROR) == 1 ? " error" : " errors"));
    }
    parts.add(count(Outcome.SKIP) + " skipped");
    return String.join(", ", parts);
  }

  /** 1 when a SHALL failed or could not be judged (with {@code strict}, also any warning); else 0. */
  public int exitCode() {
    return results.stream().anyMatch(r -> r.failsRun(strict)) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("base", base);
    ArrayNode suiteList = n.putArray("suites");
    suites.forEach(suiteList::add);
    n.put("spec", spec);
    n.put("started", started.toString());
    n.put("elapsedMs", elapsedMillis);
    n.put("requests", requests);
    ObjectNode summary = n.putObject("summary");
    for (Outcome o : Outcome.values()) {
      summary.put(o.label(), count(o));
    }
    n.put("exitCode", exitCode());
    ArrayNode noteList = n.putArray("notes");
    notes.forEach(noteList::add);
    ArrayNode checks = n.putArray("checks");
    results.forEach(r -> checks.add(r.toJson()));
    return n;
  }
}
