package dev.cds.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
  @Test
  void ratesReadAsUsersTypeThem() {
    assertEquals(200, LoadPlan.parseRate("200"));
    assertEquals(200, LoadPlan.parseRate("200/s"));
    assertEquals(10, LoadPlan.parseRate("600/m"));
    assertEquals(2.5, LoadPlan.parseRate("2.5/s"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadPlan.parseRate("fast"));
    assertTrue(e.getMessage().contains("'fast' is not a rate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LoadPlan.parseRate("0"));
  }

  @Test
  void aPlanNeedsAnEnd() {
    assertThrows(IllegalArgumentException.class, () -> new LoadPlan(0, null, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new LoadPlan(10, null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new LoadPlan(0, Duration.ZERO, 1, 0));
  }

  @Test
  void rateSpacesRequestsEvenly() {
    LoadPlan p = new LoadPlan(10, null, 2, 4);
    assertEquals(0, p.dueNanos(0));
    assertEquals(250_000_000L, p.dueNanos(1));
    assertEquals(0, new LoadPlan(10, null, 2, 0).dueNanos(9));
  }

  @Test
  void progressLineFitsTheTerminal() {
    String line = Progress.line("a-very-long-service-identifier-that-goes-on-and-on", 0.5, 12034, 3, 8123.4, 59);
    assertEquals(59, line.length(), line);
    assertTrue(line.contains("12034 done") && line.contains("3 errors") && line.contains("8123 req/s"), line);
    assertTrue(line.contains("#####"), line);
  }

  @Test
  void millisecondsKeepThreeDigits() {
    assertEquals("0.42ms", LoadReport.millis(420));
    assertEquals("34.1ms", LoadReport.millis(34_100));
    assertEquals("340ms", LoadReport.millis(340_000));
    assertEquals("12.3s", LoadReport.millis(12_300_000));
  }
}
