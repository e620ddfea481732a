package dev.cds.cards;

import dev.cds.model.Response;
import dev.cds.model.Card;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.model.ServiceOutcome;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What CI expects of a live call: the same cards as a saved answer ({@code --expect FILE}, by the
 * rules of {@code cds diff}) and no card at or above a level ({@code --fail-on LEVEL}). Several
 * services are compared by service id (the expected file is then ndjson of outcomes).
 */
public final class Expectation {
  private final String expectedSource;
  private final List<ServiceOutcome> expected;
  private final Indicator failOn;
  private final IgnoreRules ignore;

  /**
   * @param expected the saved answer, or null for no comparison
   * @param failOn the lowest level that fails the run, or null
   */
  public Expectation(String expectedSource, List<ServiceOutcome> expected, Indicator failOn, IgnoreRules ignore) {
    this.expectedSource = expectedSource;
    this.expected = expected;
    this.failOn = failOn;
    this.ignore = ignore;
  }

  /**
   * From {@code cds call}'s options (each may be null). Reads and checks the expected file now,
   * so a bad file or level fails (exit 3 / 2) before any request is sent.
   */
  public static Expectation of(String expectFile, String failOnLevel, List<String> ignorePaths, InputStream stdin) {
    List<ServiceOutcome> expected = expectFile == null ? null : Responses.read(expectFile, stdin);
    return new Expectation(expectFile, expected, failOnLevel == null ? null : level(failOnLevel), IgnoreRules.of(ignorePaths));
  }

  /** {@code info}, {@code warning} or {@code critical}; anything else is a usage error. */
  public static Indicator level(String word) {
    Indicator level = word.equals("hard-stop") ? null : Indicator.parse(word.trim().toLowerCase(java.util.Locale.ROOT));
    if (level == null) {
      throw CdsException.usage("{0} '{1}' is not a level: use info, warning or critical", Setting.FAIL_ON, word);
    }
    return level;
  }

  /** True when there is anything to check. */
  public boolean active() {
    return expected != null || failOn != null;
  }

  public Verdict check(List<ServiceOutcome> live) {
    DiffResult diff = expected == null ? null : new CardDiff(ignore).compare(expected, live);
    List<Hit> hits = new ArrayList<>();
    for (ServiceOutcome o : live) {
      hits.addAll(hits(o.service(), o.failed() ? null : o.body()));
    }
    return new Verdict(expectedSource, diff, failOn, hits);
  }

  /** The cards of one answer at or above the failing level; none without a level. Thread-safe (load runs). */
  public List<Hit> hits(String service, JsonNode body) {
    if (failOn == null) {
      return List.of();
    }
    List<Hit> hits = new ArrayList<>();
    for (Card card : Response.of(body).displayOrder()) {
      Indicator level = card.isObject() ? Indicator.of(card.node()) : null;
      if (level != null && level.atLeast(failOn)) {
        hits.add(new Hit(service, level, card.summary()));
      }
    }
    return hits;
  }

  /** A card that tripped {@code --fail-on}. */
  public record Hit(String service, Indicator indicator, String summary) {}

  /**
   * The outcome of the checks.
   *
   * @param diff the comparison with the expected file, or null without {@code --expect}
   * @param failOn the level checked, or null without {@code --fail-on}
   */
  public record Verdict(String expectedSource, DiffResult diff, Indicator failOn, List<Hit> hits) {
    public boolean passed() {
      return (diff == null || diff.same()) && hits.isEmpty();
    }

    public int exitCode() {
      return passed() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    /** What to print on stderr when a check failed, settings in words; empty when all passed. */
    public String report(RenderOptions options) {
      return report(options, Setting::words);
    }

    /** What to print on stderr when a check failed, settings named by {@code names}; empty when all passed. */
    public String report(RenderOptions options, Function<Setting, String> names) {
      StringBuilder sb = new StringBuilder();
      if (diff != null && !diff.same()) {
        sb.append("cds: the answer differs from ").append(expectedSource).append(" (")
            .append(names.apply(Setting.EXPECT)).append("):\n");
        sb.append(new DiffReport(options).text(diff));
      }
      if (!hits.isEmpty()) {
        sb.append("cds: ").append(names.apply(Setting.FAIL_ON)).append(' ').append(failOn.word()).append(": ").append(hits.size())
            .append(hits.size() == 1 ? " card" : " cards").append(" at ").append(failOn.word())
            .append(failOn == Indicator.CRITICAL ? "" : " or above").append('\n');
        for (Hit h : hits) {
          sb.append("  [").append(h.indicator().word()).append("] ")
              .append(h.summary() == null ? "(no summary)" : h.summary())
              .append(h.service() == null ? "" : " (" + h.service() + ")").append('\n');
        }
      }
      return sb.toString();
    }

    /** For {@code --output json} consumers that want the verdict as data. */
    public ObjectNode toJson() {
      ObjectNode n = Json.object();
      n.put("passed", passed());
      if (diff != null) {
        n.set("expect", DiffReport.json(diff));
      }
      if (failOn != null) {
        ObjectNode f = n.putObject("failOn");
        f.put("level", failOn.word());
        ArrayNode cards = f.putArray("cards");
        for (Hit h : hits) {
          ObjectNode c = cards.addObject();
          if (h.service() != null) {
            c.put("service", h.service());
          }
          c.put("indicator", h.indicator().word());
          c.put("summary", h.summary());
        }
      }
      return n;
    }
  }
}
