package dev.cds.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import java.util.List;

/** Findings as text lines for a terminal, or as a JSON list. */
public final class FindingsRenderer {
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  public FindingsRenderer(boolean color) {
    this.color = color;
  }

  /** One line: severity, path, message, rule id; paths and messages quote the document, so sanitised. */
  public String line(Finding f) {
    String severity = String.format("%-7s", f.severity().label());
    if (color) {
      severity = (f.isError() ? RED : f.isNote() ? CYAN : YELLOW) + severity + RESET;
    }
    String rule = "[" + f.rule() + "]";
    return severity + " " + (f.path().isEmpty() ? "/" : Sanitizer.line(f.path())) + "  "
        + Sanitizer.line(f.message()) + "  "
        + (color ? DIM + rule + RESET : rule);
  }

  /** Every finding on its own line, then a summary line naming {@code what} (e.g. "request.json"). */
  public String pretty(List<Finding> findings, String what) {
    StringBuilder b = new StringBuilder();
    findings.forEach(f -> b.append(line(f)).append('\n'));
    b.append(summary(findings, what)).append('\n');
    return b.toString();
  }

  /** "request.json: 1 error, 2 warnings" (and ", 1 note" when there are notes) or "request.json: valid". */
  public static String summary(List<Finding> findings, String what) {
    what = Sanitizer.line(what);
    long errors = findings.stream().filter(Finding::isError).count();
    long notes = findings.stream().filter(Finding::isNote).count();
    long warnings = findings.size() - errors - notes;
    if (findings.isEmpty()) {
      return what + ": valid";
    }
    if (errors == 0 && warnings == 0) {
      return what + ": valid, " + count(notes, "note");
    }
    return what + ": " + count(errors, "error") + ", " + count(warnings, "warning")
        + (notes == 0 ? "" : ", " + count(notes, "note"));
  }

  public static ArrayNode json(List<Finding> findings) {
    ArrayNode list = Json.array();
    findings.forEach(f -> list.add(f.toJson()));
    return list;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
