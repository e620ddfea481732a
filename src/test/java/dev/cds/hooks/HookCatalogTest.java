package dev.cds.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HookCatalogTest {
  private final HookCatalog catalog = HookCatalog.bundled();

  @Test
  void indexListsExactlyTheDefinitionFiles() throws IOException {
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/hooks"), 2)) {
      // hooks/*.json are the index and the hook codes CodeSystem; definitions are hooks/<hook>/<version>.json
      files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getParent().getFileName().toString().equals("hooks"))
          .forEach(p -> onDisk.add(p.getParent().getFileName() + "/" + p.getFileName().toString().replace(".json", "")));
    }
    Set<String> indexed = new TreeSet<>();
    catalog.entries().forEach(e -> e.versions().forEach(v -> indexed.add(e.hook() + "/" + v)));
    assertEquals(onDisk, indexed, "hooks/index.json must list every hooks/<hook>/<version>.json");
  }

  @Test
  void catalogHasEveryHookOfTheLibrary() {
    assertEquals(List.of("allergyintolerance-create", "appointment-book", "encounter-discharge",
        "encounter-start", "medication-refill", "medication-verify", "order-dispatch", "order-select", "order-sign",
        "patient-view", "problem-list-item-create", "medication-prescribe", "order-review"), catalog.names());
    assertEquals("1.1", catalog.entry("order-dispatch").defaultVersion());
  }

  @Test
  void deprecatedHooksNameTheirReplacements() {
    assertTrue(catalog.definition("medication-prescribe", null).deprecated());
    assertEquals(List.of("order-select", "order-sign"), catalog.definition("medication-prescribe", null).replacedBy());
    assertEquals(List.of("order-sign"), catalog.definition("order-review", null).replacedBy());
  }

  @Test
  void fieldsCarryTheTableColumns() {
    ContextField userId = catalog.definition("order-sign", null).field("userId").orElseThrow();
    assertTrue(userId.required() && userId.prefetchToken());
    assertEquals("string", userId.type());
    assertEquals(List.of("Practitioner", "PractitionerRole"), userId.referenceTypes());
    HookDefinition dispatch = catalog.definition("order-dispatch", "1.1");
    assertEquals("dispatchedOrders", dispatch.aliases().get("dispatched-orders"));
    assertEquals("fulfillmentTasks", dispatch.aliases().get("fulfillment-tasks"));
    assertTrue(catalog.definition("medication-refill", null).field("userId").map(f -> !f.required()).orElseThrow());
  }

  @Test
  void everyTemplateFileExists() {
    for (HookCatalog.Entry e : catalog.entries()) {
      for (String v : e.versions()) {
        HookDefinition d = catalog.definition(e.hook(), v);
        d.templates().keySet().forEach(fhir -> assertTrue(catalog.template(d, fhir).isObject()));
      }
    }
  }
}
