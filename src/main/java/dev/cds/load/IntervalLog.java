package dev.cds.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A load run's latencies as an HdrHistogram interval log: the standard format HdrHistogram's own
 * {@code HistogramLogReader} and {@code HistogramLogProcessor} read, values in microseconds, one
 * interval a second per service, each tagged with the service. What a histogram cannot hold (the
 * segment, the requests that got no answer, errors by kind, the service's start and end) goes in
 * comment lines starting {@code #cds }, one JSON object each, which readers of the format skip:
 * <pre>
 * #cds {"format":"cds-load","version":1,"segment":"0/4","unit":"us"}
 * #cds {"service":"order-dispatch-crd","hook":"order-dispatch","tag":"order-dispatch-crd",
 *       "requests":5000,"errors":2,"errorKinds":{"timeout":2},"flagged":0,"flagKinds":{},"startMs":…,"endMs":…}
 * </pre>
 * The log is written as the run goes, so a run that dies still leaves its intervals behind.
 */
public final class IntervalLog implements Closeable {
  static final String COMMENT = "cds ";
  static final String FORMAT = "cds-load";
  /** The log's third column is an interval's largest value; in milliseconds it reads at a glance. */
  private static final double MAX_IN_MILLIS = 1000.0;

  private final Path file;
  private final PrintStream stream;
  private final HistogramLogWriter writer;
  private final long baseMillis;

  private IntervalLog(Path file, PrintStream stream, Instant start, Segment segment) {
    this.file = file;
    this.stream = stream;
    this.writer = new HistogramLogWriter(stream);
    this.baseMillis = start.toEpochMilli();
    writer.outputLogFormatVersion();
    ObjectNode header = Json.object();
    header.put("format", FORMAT);
    header.put("version", 1);
    header.put("segment", segment.toString());
    header.put("unit", "us");
    comment(header);
    writer.outputStartTime(baseMillis);
    writer.setBaseTime(baseMillis);
    writer.outputBaseTime(baseMillis);
    writer.outputLegend();
    stream.flush();
  }

  /** Creates (or replaces) {@code file}; interval times count from {@code start}. */
  public static IntervalLog create(Path file, Instant start, Segment segment) {
    try {
      return new IntervalLog(file, new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8),
          start, segment);
    } catch (IOException e) {
      throw new CdsException(ExitCode.BAD_INPUT, "cannot write the histogram log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The tag of a service's histograms. A tag ends at a comma and cannot hold spaces in the log's
   * syntax, and a service id is any URL path segment, so everything but a safe set becomes '_';
   * the summary line keeps the id itself.
   */
  static String tag(String service) {
    StringBuilder sb = new StringBuilder(service.length());
    for (int i = 0; i < service.length(); i++) {
      char c = service.charAt(i);
      boolean safe = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~');
      sb.append(safe ? c : '_');
    }
    return sb.isEmpty() ? "_" : sb.toString();
  }

  /** One interval of one service: {@code h} carries its start and end time stamps (epoch milliseconds). */
  synchronized void interval(String service, Histogram h) {
    h.setTag(tag(service));
    writer.outputIntervalHistogram((h.getStartTimeStamp() - baseMillis) / 1000.0,
        (h.getEndTimeStamp() - baseMillis) / 1000.0, h, MAX_IN_MILLIS);
    stream.flush();
  }

  /** The service's totals, once its share of the run is over. */
  synchronized void summary(ServiceLoad s, long startMillis, long endMillis) {
    ObjectNode n = Json.object();
    n.put("service", s.service());
    n.put("hook", s.hook());
    n.put("tag", tag(s.service()));
    LoadReport.putCounts(n, s);
    n.put("startMs", startMillis);
    n.put("endMs", endMillis);
    comment(n);
    stream.flush();
  }

  private void comment(JsonNode n) {
    writer.outputComment(COMMENT + asciiOnly(Json.compact(n)));
  }

  /**
   * Non-ASCII characters as JSON escapes: the log's readers decode it with the platform charset,
   * which in a container is often ASCII. Outside strings JSON has no such characters, so this is safe.
   */
  private static String asciiOnly(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 128) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /** Closes the file; a write that failed on the way (a full disk) is a failure here. */
  @Override
  public synchronized void close() {
    stream.close();
    if (stream.checkError()) {
      throw new CdsException(ExitCode.BAD_INPUT, "writing the histogram log " + file + " failed (disk full?)");
    }
  }
}
