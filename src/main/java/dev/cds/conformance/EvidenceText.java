package dev.cds.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A check's evidence as plain lines, for the terminal report and for JUnit failure bodies. */
public final class EvidenceText {
  private EvidenceText() {}

  public static List<String> lines(CheckResult r) {
    List<String> out = new ArrayList<>();
    out.add(r.check().level() + " · " + r.check().source());
    for (Exchange e : r.exchanges()) {
      out.add("> " + e.line() + (e.authorization() == null ? "" : "  (Authorization: " + e.authorization() + ")"));
      if (e.request() != null) {
        out.add("  " + e.request());
      }
      out.add("< " + e.answer() + (e.response() == null ? "" : ": " + e.response()));
      for (Map.Entry<String, String> h : new TreeMap<>(e.headers()).entrySet()) {
        out.add("  " + h.getKey() + ": " + h.getValue());
      }
    }
    r.notes().forEach(n -> out.add("note: " + n));
    return out;
  }
}
