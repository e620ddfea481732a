package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segment arithmetic: N shares of a run add up to the run, for counts and for schedules. */
class SegmentTest {
  @Test
  void parsesIndexOverCount() {
    assertEquals(new Segment(0, 4), Segment.parse("0/4"));
    assertEquals(new Segment(3, 4), Segment.parse(" 3 / 4 "));
    assertEquals(Segment.WHOLE, Segment.parse("0/1"));
    for (String bad : List.of("4/4", "1/0", "-1/4", "a/4", "3", "1/2/3", "", "99999999999/4")) {
      assertThrows(IllegalArgumentException.class, () -> Segment.parse(bad), bad);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Segment.parse("4/4")).getMessage()
        .contains("INDEX goes from 0 to 3"));
  }

  @Test
  void sharesOfACountAddUpWithNoOverlap() {
    for (long total : new long[] {1, 2, 3, 5, 7, 10, 99, 100, 101, 1000, 1001, 12345}) {
      for (int count = 1; count <= 9; count++) {
        boolean[] taken = new boolean[(int) total];
        long sum = 0;
        for (int i = 0; i < count; i++) {
          Segment s = new Segment(i, count);
          long share = s.share(total);
          sum += share;
          for (long local = 0; local < share; local++) {
            int k = (int) s.global(local);
            assertTrue(k < total, () -> s + " of " + total + " takes request " + k);
            assertTrue(!taken[k], () -> "request " + k + " of " + total + " taken twice");
            taken[k] = true;
          }
          // shares differ by at most one request
          assertTrue(share == total / count || share == total / count + 1, s + " of " + total + ": " + share);
        }
        assertEquals(total, sum, total + " in " + count);
      }
    }
  }

  @Test
  void segmentedRatesMakeTheSingleProcessSchedule() {
    // rates that do not divide evenly by the segment count, and one that is not a whole number
    for (double rate : new double[] {10, 7, 3.3, 1000 / 7.0, 250}) {
      for (int count : new int[] {2, 3, 4, 7}) {
        long total = 103;
        List<Long> single = dues(new LoadPlan(total, null, 1, rate));
        List<Long> merged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          merged.addAll(dues(new LoadPlan(total, null, 1, rate, new Segment(i, count), null)));
        }
        merged.sort(null);
        assertEquals(single, merged, rate + "/s in " + count);
      }
    }
  }

  @Test
  void eachSegmentRunsAtItsShareOfTheRateOffsetByOneArrival() {
    // 10/s in 3 segments: every 300 ms each, the segments 100 ms apart
    for (int i = 0; i < 3; i++) {
      List<Long> dues = dues(new LoadPlan(30, null, 1, 10, new Segment(i, 3), null));
      assertEquals(i * 100_000_000L, dues.get(0));
      for (int j = 1; j < dues.size(); j++) {
        long gap = dues.get(j) - dues.get(j - 1);
        assertTrue(Math.abs(gap - 300_000_000L) <= 1, "gap " + gap);
      }
    }
  }

  @Test
  void aDurationAtARateGivesTheSameTotal() {
    Duration d = Duration.ofSeconds(2);
    long single = countWithin(new LoadPlan(0, d, 1, 7), d);
    long merged = 0;
    for (int i = 0; i < 4; i++) {
      merged += countWithin(new LoadPlan(0, d, 1, 7, new Segment(i, 4), null), d);
    }
    assertEquals(14, single);
    assertEquals(single, merged);
  }

  @Test
  void aSharedScheduleGivesEachServiceItsSlot() {
    Instant start = Instant.parse("2026-03-01T09:00:00Z");
    assertEquals(Duration.ofSeconds(30), new LoadPlan(0, Duration.ofSeconds(30), 1, 0, Segment.WHOLE, start).slot());
    assertEquals(Duration.ofSeconds(5), new LoadPlan(100, null, 1, 20, new Segment(1, 4), start).slot(),
        "the whole run's 100 requests at 20/s, whatever the segment");
    assertEquals(null, new LoadPlan(100, null, 1, 0, Segment.WHOLE, start).slot());
  }

  private static List<Long> dues(LoadPlan plan) {
    List<Long> out = new ArrayList<>();
    for (long local = 0; local < plan.requests(); local++) {
      out.add(plan.dueNanos(local));
    }
    return out;
  }

  private static long countWithin(LoadPlan plan, Duration d) {
    long n = 0;
    while (plan.dueNanos(n) < d.toNanos()) {
      n++;
    }
    return n;
  }
}
