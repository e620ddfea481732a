package dev.cds.prefetch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Glyphs;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.core.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefetch object to send (only the keys actually fulfilled) and the per-key report behind it.
 *
 * @param source what the data came from ({@link FhirSource#describe()}), or null when nothing was fetched
 */
public record PrefetchResult(List<KeyReport> keys, ObjectNode prefetch, String source) {

  /** True when there is at least one key to send; otherwise leave {@code prefetch} out of the request. */
  public boolean hasPrefetch() {
    return prefetch.size() > 0;
  }

  /**
   * One line per key that needs the user's attention: invalid templates, fetch failures and
   * OperationOutcomes. Keys skipped for an absent optional field are normal and not warned about.
   * Safe for a terminal: keys, URLs and details come from the service and the FHIR server.
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (KeyReport k : keys) {
      String key = Sanitizer.line(k.key());
      switch (k.state()) {
        case INVALID -> out.add("prefetch key '" + key + "' skipped: " + Sanitizer.line(k.detail()));
        case FAILED -> out.add("prefetch key '" + key + "' not sent: " + Sanitizer.line(k.detail()));
        case OPERATION_OUTCOME -> out.add("prefetch key '" + key + "': " + Sanitizer.line(k.url()) + " answered "
            + k.status() + "; sending its OperationOutcome");
        default -> { }
      }
    }
    return out;
  }

  /** {@code {"source": …, "keys": [report…], "prefetch": {…}}}. */
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    if (source != null) {
      n.put("source", source);
    }
    ArrayNode list = n.putArray("keys");
    keys.forEach(k -> list.add(k.toJson()));
    n.set("prefetch", prefetch);
    return n;
  }

  /** The report as a plain table: KEY, TEMPLATE, URL (or why skipped), OUTCOME; safe for a terminal. */
  public String table() {
    return table(Table.UNLIMITED, Glyphs.UNICODE);
  }

  /**
   * The report fitted to {@code width}: the template, then the URL and the outcome give way
   * (the full text is in {@code --output json}); keys stay whole.
   */
  public String table(int width, Glyphs glyphs) {
    Table t = new Table("KEY", "TEMPLATE", "URL", "OUTCOME").shrink(1, 2, 3);
    for (KeyReport k : keys) {
      t.row(Sanitizer.line(k.key()), k.template() == null ? "" : Sanitizer.line(k.template()), k.urlText(),
          k.outcomeText());
    }
    return t.render(width, glyphs);
  }
}
