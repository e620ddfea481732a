package dev.cds.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.util.Locale;

/**
 * One thing wrong (error) or doubtful (warning) in a document.
 *
 * @param path a JSON pointer (RFC 6901) to the offending member; "" is the whole document
 * @param message what is wrong and what is expected instead
 * @param rule a stable id such as {@code request.hookInstance.uuid}, for filtering and tests
 */
public record Finding(Severity severity, String path, String message, String rule) {
  public enum Severity {
    ERROR,
    WARNING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Finding error(String rule, String path, String message) {
    return new Finding(Severity.ERROR, path, message, rule);
  }

  public static Finding warning(String rule, String path, String message) {
    return new Finding(Severity.WARNING, path, message, rule);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("severity", severity.label());
    n.put("path", path);
    n.put("message", message);
    n.put("rule", rule);
    return n;
  }

  @Override
  public String toString() {
    return severity.label() + " " + (path.isEmpty() ? "/" : path) + " " + message + " [" + rule + "]";
  }
}
