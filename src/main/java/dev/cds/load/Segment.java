package dev.cds.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Share {@code index} of {@code count} of a load run, so that N processes (pods of a Kubernetes
 * Indexed Job, say) together make exactly the run one process would. The run's requests are
 * numbered 0, 1, 2 …; a segment takes every {@code count}-th of them starting at {@code index}.
 * Interleaving rather than cutting the run into blocks is what keeps a rate exact: request k of
 * the whole run is due at k / rate, so the segments' schedules, offset by 1 / rate from each other,
 * merge into the single process's schedule whatever the rate and however it divides.
 */
public record Segment(int index, int count) {
  /** The whole run: one process, no sharing. */
  public static final Segment WHOLE = new Segment(0, 1);

  private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  public Segment {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("segment " + index + "/" + count + " is not one of 0/" + count
          + " to " + (count - 1) + "/" + count);
    }
  }

  /** {@code I/N} with {@code 0 <= I < N}; an {@link IllegalArgumentException} saying what is wrong otherwise. */
  public static Segment parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not INDEX/COUNT, e.g. 0/4");
    }
    int index = Integer.parseInt(m.group(1));
    int count = Integer.parseInt(m.group(2));
    if (count < 1) {
      throw new IllegalArgumentException("'" + text + "' has no segments: COUNT must be at least 1");
    }
    if (index >= count) {
      throw new IllegalArgumentException("'" + text + "' is out of range: INDEX goes from 0 to " + (count - 1));
    }
    return new Segment(index, count);
  }

  /** How many of the run's {@code total} requests are this segment's; the segments' shares add up to {@code total}. */
  public long share(long total) {
    return total <= index ? 0 : (total - index - 1) / count + 1;
  }

  /** The run-wide number of this segment's {@code local}-th request. */
  public long global(long local) {
    return index + local * count;
  }

  public boolean whole() {
    return count == 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
