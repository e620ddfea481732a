package dev.cds.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong (error), doubtful (warning) or worth knowing (note) in a document.
 *
 * @param path a JSON pointer (RFC 6901) to the offending member; "" is the whole document
 * @param message what is wrong and what is expected instead
 * @param rule a stable id such as {@code request.hookInstance.uuid}, or the spec's own invariant
 *     id such as {@code cds-resp-6}, for filtering and tests
 * @param aliases ids the same rule had before it took the spec's id, so filters written against
 *     them keep working
 */
public record Finding(Severity severity, String path, String message, String rule, List<String> aliases) {
  public enum Severity {
    ERROR,
    WARNING,
    /** Informational: never a reason to fail, shown so the user knows (e.g. a scope style). */
    NOTE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Finding {
    aliases = List.copyOf(aliases);
  }

  // equals and hashCode written out: the generated ones link a call site the first time they run
  // (about 0.2 ms on JDK 17), and every validation drops duplicate findings through a set
  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f && severity == f.severity && Objects.equals(path, f.path)
        && Objects.equals(message, f.message) && Objects.equals(rule, f.rule) && aliases.equals(f.aliases);
  }

  @Override
  public int hashCode() {
    return Objects.hash(severity, path, message, rule, aliases);
  }

  public Finding(Severity severity, String path, String message, String rule) {
    this(severity, path, message, rule, Invariants.aliasesOf(rule));
  }

  public static Finding error(String rule, String path, String message) {
    return new Finding(Severity.ERROR, path, message, rule);
  }

  public static Finding warning(String rule, String path, String message) {
    return new Finding(Severity.WARNING, path, message, rule);
  }

  public static Finding note(String rule, String path, String message) {
    return new Finding(Severity.NOTE, path, message, rule);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public boolean isNote() {
    return severity == Severity.NOTE;
  }

  /** True when {@code id} is this finding's rule or one of its aliases. */
  public boolean is(String id) {
    return rule.equals(id) || aliases.contains(id);
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("severity", severity.label());
    n.put("path", path);
    n.put("message", message);
    n.put("rule", rule);
    if (!aliases.isEmpty()) {
      ArrayNode list = n.putArray("aliases");
      for (String alias : aliases) {
        list.add(alias);
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return severity.label() + " " + (path.isEmpty() ? "/" : path) + " " + message + " [" + rule + "]";
  }
}
