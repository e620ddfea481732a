package dev.cds.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private final List<String> names = HookCatalog.bundled().names();

  @Test
  void nearestNamesFirst() {
    assertEquals(List.of("order-dispatch"), Suggestions.nearest("order-dispach", names));
    assertEquals("order-sign", Suggestions.nearest("order-sing", names).get(0));
    assertEquals(List.of(), Suggestions.nearest("xyz", names));
  }
}
