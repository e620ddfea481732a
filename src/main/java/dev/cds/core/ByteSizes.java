package dev.cds.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users type them: bytes, or with a unit ({@code 512KB}, {@code 32MB}, {@code 1GB}; powers of 1024). */
public final class ByteSizes {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private ByteSizes() {}

  public static long parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw CdsException.usage("invalid size '" + text + "': use bytes or a unit, e.g. 1048576, 512KB, 32MB");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
    long factor = switch (unit) {
      case "k" -> 1024L;
      case "m" -> 1024L * 1024;
      case "g" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (n <= 0 || n > Long.MAX_VALUE / factor) {
      throw CdsException.usage("size '" + text + "' is out of range: give a positive size");
    }
    return n * factor;
  }
}
