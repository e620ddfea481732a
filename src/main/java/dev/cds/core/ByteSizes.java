package dev.cds.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users type them: bytes, or with a binary unit ({@code 1048576}, {@code 512KB}, {@code 1MB}, {@code 2m}). */
public final class ByteSizes {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private ByteSizes() {}

  public static long parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw CdsException.usage("invalid size '" + text + "': use bytes or a unit, e.g. 1048576, 512KB, 1MB");
    }
    String unit = m.group(2) == null ? "b" : m.group(2);
    long multiplier = switch (unit.charAt(0)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    double bytes = Double.parseDouble(m.group(1)) * multiplier;
    if (bytes >= Long.MAX_VALUE) {
      throw CdsException.usage("size '" + text + "' is too large");
    }
    return Math.round(bytes);
  }
}
