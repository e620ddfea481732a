package dev.cds.hooks;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "did you mean …?" for mistyped names. */
public final class Suggestions {
  private Suggestions() {}

  /** The names within a small edit distance of {@code typed}, closest first. */
  public static List<String> nearest(String typed, Collection<String> names) {
    int limit = Math.max(2, typed.length() / 3);
    return names.stream()
        .filter(n -> distance(typed, n) <= limit || (typed.length() >= 4 && n.startsWith(typed)))
        .sorted(Comparator.comparingInt(n -> distance(typed, n)))
        .limit(3)
        .toList();
  }

  /** {@code ": did you mean x?"} or the empty string. */
  public static String didYouMean(String typed, Collection<String> names) {
    List<String> near = nearest(typed, names);
    return near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near) + "?";
  }

  /** Levenshtein distance: the edits that turn {@code a} into {@code b}. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
