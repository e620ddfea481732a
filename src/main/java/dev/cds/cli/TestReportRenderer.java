package dev.cds.cli;

import dev.cds.cards.TerminalWidth;
import dev.cds.core.DisplayWidth;
import dev.cds.conformance.Check;
import dev.cds.conformance.CheckResult;
import dev.cds.conformance.ConformanceRun;
import dev.cds.conformance.EvidenceText;
import dev.cds.conformance.JunitXml;
import dev.cds.conformance.Outcome;
import dev.cds.conformance.PlannedRequest;
import dev.cds.conformance.Probe;
import dev.cds.conformance.Report;
import dev.cds.conformance.Session;
import dev.cds.core.Durations;
import dev.cds.core.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code cds test} output: the request count before the run (stderr), a progress line while it
 * runs (stderr, terminals only), then the report grouped by area, one line per check with its
 * evidence under what went wrong, fitted to the width; or the report as one JSON document.
 */
final class TestReportRenderer {
  /** Evidence lines shown under a check before the rest is left to --output json. */
  private static final int MAX_NOTES = 4;

  private final CliContext ctx;
  private final boolean json;
  private final boolean color;
  private final int width;
  private final boolean progressLine;

  TestReportRenderer(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.json = global.json(ctx);
    this.color = global.color(ctx);
    this.width = Math.max(40, TerminalWidth.resolve(ctx.columns(), ctx.stdoutIsTerminal(), ctx.env()));
    this.progressLine = ctx.stdoutIsTerminal();
  }

  /** Redraws one line on stderr per request sent; nothing when stderr is not a terminal. */
  Session.Listener progress() {
    if (!progressLine) {
      return Session.Listener.NONE;
    }
    PrintWriter err = ctx.err();
    return (sent, budget, purpose) -> {
      String line = fit("[" + sent + "/" + budget + "] " + purpose, width - 1);
      err.print("\r" + line + " ".repeat(Math.max(0, width - 1 - line.length())) + "\r");
      err.flush();
    };
  }

  void planned(ConformanceRun.Plan plan) {
    ctx.err().println("cds: " + plan.checks().size() + " checks; at most " + plan.requests() + " requests to "
        + plan.base() + " after discovery");
    ctx.err().flush();
  }

  void dryRun(ConformanceRun.Plan plan) {
    if (json) {
      ctx.out().println(Json.pretty(plan.toJson()));
      return;
    }
    PrintWriter out = ctx.out();
    out.println(fit("cds test " + plan.base() + " · dry run · " + plan.checks().size() + " checks, "
        + plan.requests() + " requests (discovery already read)", width));
    String group = null;
    for (Probe p : plan.probes()) {
      for (Check c : p.checks()) {
        String g = JunitXml.group(c);
        if (!g.equals(group)) {
          out.println();
          out.println(paint(g, "1"));
          group = g;
        }
        out.println(fit(String.format("  %-6s %s  %s", c.level(), c.id(), c.title()), width));
      }
      for (PlannedRequest r : p.plan()) {
        // the base is in the heading: the path is what tells the requests apart
        String url = r.url().startsWith(plan.base()) ? r.url().substring(plan.base().length()) : r.url();
        out.println(fit("      " + r.method() + " " + url + "  " + r.purpose(), width));
      }
    }
    plan.notes().forEach(n -> out.println(fit("note: " + n, width)));
  }

  void report(Report report) {
    if (progressLine) {
      ctx.err().print("\r" + " ".repeat(width - 1) + "\r");
      ctx.err().flush();
    }
    if (json) {
      ctx.out().println(Json.pretty(report.toJson()));
      return;
    }
    PrintWriter out = ctx.out();
    out.println(fit("cds test " + report.base(), width));
    out.println(fit("CDS Hooks " + report.spec() + " · " + String.join(" + ", report.suites()) + " · "
        + report.requests() + " requests in " + Durations.format(Duration.ofMillis(report.elapsedMillis())), width));
    report.notes().forEach(n -> out.println(fit("note: " + n, width)));
    for (Map.Entry<String, List<CheckResult>> group : JunitXml.groups(report).entrySet()) {
      out.println();
      out.println(paint(group.getKey(), "1"));
      String skipped = null;
      for (CheckResult r : group.getValue()) {
        line(out, r, r.outcome() == Outcome.SKIP && r.reason().equals(skipped));
        skipped = r.outcome() == Outcome.SKIP ? r.reason() : null;
      }
    }
    out.println();
    out.println(report.summary());
  }

  /**
   * "✓ SHALL  id  title", then what went wrong and the evidence, or the notes.
   *
   * @param sameSkip the previous line was skipped for the same reason, which is not repeated
   */
  private void line(PrintWriter out, CheckResult r, boolean sameSkip) {
    Check c = r.check();
    String symbol = paint(r.outcome().symbol(), switch (r.outcome()) {
      case PASS -> "32";
      case FAIL, ERROR -> "31";
      case WARN -> "33";
      case SKIP -> "2";
    });
    out.println("  " + symbol + " " + fit(String.format("%-6s %s  %s", c.level(), c.id(), c.title()), width - 4));
    switch (r.outcome()) {
      case FAIL, WARN, ERROR -> {
        out.println(fit("      " + (r.outcome() == Outcome.ERROR ? "could not be judged: " : "") + r.reason(), width));
        EvidenceText.lines(r).forEach(l -> out.println(paint(fit("      " + l, width), "2")));
      }
      case SKIP -> {
        if (!sameSkip) {
          out.println(paint(fit("      skipped: " + r.reason(), width), "2"));
        }
      }
      case PASS -> {
        List<String> notes = r.notes();
        notes.stream().limit(MAX_NOTES).forEach(n -> out.println(paint(fit("      note: " + n, width), "2")));
        if (notes.size() > MAX_NOTES) {
          out.println(paint("      (" + (notes.size() - MAX_NOTES) + " more notes in --output json)", "2"));
        }
      }
    }
  }

  /** Cut to {@code columns} display columns with an ellipsis: the report never wraps. */
  private String fit(String s, int columns) {
    return DisplayWidth.truncate(ctx.glyphs().text(s), columns, ctx.glyphs().ellipsis());
  }

  private String paint(String s, String sgr) {
    return color ? "\u001b[" + sgr + "m" + s + "\u001b[0m" : s;
  }
}
