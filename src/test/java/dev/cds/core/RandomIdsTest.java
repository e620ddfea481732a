package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  @Test
  void version4VariantOneAndDistinct() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      UUID u = RandomIds.uuid();
      assertEquals(4, u.version());
      assertEquals(2, u.variant());
      seen.add(u);
    }
    assertEquals(2000, seen.size());
  }
}
