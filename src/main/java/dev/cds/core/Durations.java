package dev.cds.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users type them: plain seconds or with a unit ({@code 2}, {@code 2s}, {@code 500ms}, {@code 1m}). */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw CdsException.usage(
          "invalid duration '" + text + "': use seconds or a unit, e.g. 2, 2s, 500ms, 1m");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "m" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          default -> amount * 1000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Short human form: 850ms, 2.5s, 3m. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format("%.1f", ms / 1000.0)) + "s";
    }
    return (ms / 60_000) + "m" + (ms % 60_000 >= 1000 ? ((ms % 60_000) / 1000) + "s" : "");
  }
}
