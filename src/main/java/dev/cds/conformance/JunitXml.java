package dev.cds.conformance;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, the format GitLab, Jenkins and GitHub Actions read: one testsuite per
 * group of the report, one testcase per check. What fails the run is a failure (or an error when
 * it could not be judged) carrying the evidence; a skip is skipped; a warning that does not fail
 * the run passes with the evidence in system-out.
 */
public final class JunitXml {
  private JunitXml() {}

  public static String of(Report report) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", xml("cds test " + report.base()));
      counts(w, report.results(), report.strict());
      w.writeAttribute("time", seconds(report.elapsedMillis()));
      w.writeAttribute("timestamp", report.started().toString());
      for (Map.Entry<String, List<CheckResult>> group : groups(report).entrySet()) {
        suite(w, report, group.getKey(), group.getValue());
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return text + "\n";
  }

  /** The report's groups: "Discovery", "Security", "Service ID", "Da Vinci CRD ID", in order of appearance. */
  public static Map<String, List<CheckResult>> groups(Report report) {
    Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
    for (CheckResult r : report.results()) {
      groups.computeIfAbsent(group(r.check()), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  public static String group(Check c) {
    return c.subject() == null ? c.area().title() : c.area().title() + " " + c.subject();
  }

  private static void suite(XMLStreamWriter w, Report report, String name, List<CheckResult> results)
      throws XMLStreamException {
    w.writeCharacters("\n  ");
    w.writeStartElement("testsuite");
    w.writeAttribute("name", xml(name));
    counts(w, results, report.strict());
    w.writeAttribute("time", seconds(results.stream().mapToLong(JunitXml::millis).sum()));
    w.writeCharacters("\n    ");
    w.writeStartElement("properties");
    property(w, "base", report.base());
    property(w, "spec", report.spec());
    property(w, "suites", String.join(",", report.suites()));
    w.writeEndElement();
    for (CheckResult r : results) {
      testcase(w, report, r);
    }
    w.writeCharacters("\n  ");
    w.writeEndElement();
  }

  private static void testcase(XMLStreamWriter w, Report report, CheckResult r) throws XMLStreamException {
    Check c = r.check();
    w.writeCharacters("\n    ");
    w.writeStartElement("testcase");
    w.writeAttribute("classname", xml("cds." + c.area().id() + (c.subject() == null ? "" : "." + c.subject())));
    w.writeAttribute("name", xml(c.id() + " " + c.title()));
    w.writeAttribute("time", seconds(millis(r)));
    String evidence = xml(String.join("\n", EvidenceText.lines(r)));
    String message = xml(r.outcome().label() + " (" + c.level() + "): " + r.reason());
    if (r.outcome() == Outcome.SKIP) {
      w.writeEmptyElement("skipped");
      w.writeAttribute("message", xml(r.reason()));
    } else if (r.failsRun(report.strict())) {
      w.writeStartElement(r.outcome() == Outcome.ERROR ? "error" : "failure");
      w.writeAttribute("message", message);
      w.writeAttribute("type", c.level().name());
      w.writeCharacters(evidence);
      w.writeEndElement();
    } else if (r.outcome() != Outcome.PASS || !r.notes().isEmpty()) {
      w.writeStartElement("system-out");
      w.writeCharacters(r.outcome() == Outcome.PASS ? evidence : message + "\n" + evidence);
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  /** The counts of what {@link #testcase} writes: failures and errors are what fails the run. */
  private static void counts(XMLStreamWriter w, List<CheckResult> results, boolean strict) throws XMLStreamException {
    long errors = results.stream().filter(r -> r.failsRun(strict) && r.outcome() == Outcome.ERROR).count();
    long failures = results.stream().filter(r -> r.failsRun(strict) && r.outcome() != Outcome.ERROR).count();
    w.writeAttribute("tests", String.valueOf(results.size()));
    w.writeAttribute("failures", String.valueOf(failures));
    w.writeAttribute("errors", String.valueOf(errors));
    w.writeAttribute("skipped", String.valueOf(results.stream().filter(r -> r.outcome() == Outcome.SKIP).count()));
  }

  private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeEmptyElement("property");
    w.writeAttribute("name", name);
    w.writeAttribute("value", xml(value));
  }

  private static long millis(CheckResult r) {
    return r.exchanges().stream().mapToLong(Exchange::elapsedMillis).sum();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Characters XML 1.0 cannot carry at all (escaping does not help) become U+FFFD. */
  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      b.appendCodePoint(allowed ? c : 0xFFFD);
    });
    return b.toString();
  }
}
