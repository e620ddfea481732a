package dev.cds.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cds.core.DisplayWidth;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.core.Table;
import java.util.ArrayList;
import java.util.List;

/** Findings as text lines for a terminal, or as a JSON list. */
public final class FindingsRenderer {
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  /** The columns a message keeps beside its path before it moves under it. */
  private static final int MIN_MESSAGE = 20;

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
    return pretty(findings, what, Table.UNLIMITED);
  }

  /**
   * As {@link #pretty(List, String)}, each finding that is wider than {@code width} wrapped under
   * its path, the rule id kept whole at its end.
   */
  public String pretty(List<Finding> findings, String what, int width) {
    StringBuilder b = new StringBuilder();
    findings.forEach(f -> lines(f, width).forEach(l -> b.append(l).append('\n')));
    DisplayWidth.wrap(summary(findings, what), width, "", "  ").forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  private List<String> lines(Finding f, int width) {
    String severity = String.format("%-7s", f.severity().label());
    String rule = "[" + f.rule() + "]";
    String head = severity + " " + (f.path().isEmpty() ? "/" : Sanitizer.line(f.path()));
    String text = Sanitizer.line(f.message()) + " " + rule;
    if (width == Table.UNLIMITED || DisplayWidth.of(head + "  " + text) <= width) {
      return List.of(line(f));
    }
    String indent = " ".repeat(8);
    List<String> lines = new ArrayList<>();
    if (DisplayWidth.of(head) + 2 + MIN_MESSAGE <= width) {
      lines.addAll(DisplayWidth.wrap(text, width, head + "  ", indent));
    } else {
      // a deep path takes its own lines, the message starts under it
      lines.addAll(DisplayWidth.wrap(head.substring(severity.length() + 1), width, severity + " ", indent));
      lines.addAll(DisplayWidth.wrap(text, width, indent, indent));
    }
    if (color) {
      lines.set(0, (f.isError() ? RED : f.isNote() ? CYAN : YELLOW) + severity + RESET
          + lines.get(0).substring(severity.length()));
      String last = lines.get(lines.size() - 1);
      if (last.endsWith(rule)) {
        lines.set(lines.size() - 1, last.substring(0, last.length() - rule.length()) + DIM + rule + RESET);
      }
    }
    return lines;
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
