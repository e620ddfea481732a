package dev.cds.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Where the hook library has a context logical model, the catalog (and so validation) follows it:
 * the same elements, required where the model's minimum is 1, arrays where its maximum is *,
 * bare ids where it says id, Bundles where it says Bundle, and ord-1 where the model says so.
 * The models' facts are copied into {@code spec/context-models.txt}.
 */
class ContextModelsTest {
  private final HookCatalog catalog = HookCatalog.bundled();

  record Element(String model, String name, String cardinality, String type, boolean ord1) {}

  @Test
  void everyModelledHookVersionFollowsItsModel() throws IOException {
    List<Element> elements = elements();
    Set<String> models = new TreeSet<>();
    for (HookCatalog.Entry e : catalog.entries()) {
      for (String v : e.versions()) {
        HookDefinition d = catalog.definition(e.hook(), v);
        if (d.contextModel() == null) {
          continue;
        }
        models.add(d.contextModel());
        List<Element> mine = elements.stream().filter(x -> x.model().equals(d.contextModel())).toList();
        assertEquals(mine.stream().map(Element::name).toList(), d.fields().stream().map(ContextField::name).toList(),
            d.hook() + " " + v + " has the fields of " + d.contextModel());
        for (Element x : mine) {
          ContextField f = d.field(x.name()).orElseThrow();
          String where = d.hook() + " " + v + " " + x.name();
          assertEquals(x.cardinality().startsWith("1"), f.required(), where + " required");
          assertEquals(x.cardinality().endsWith("*"), f.type().equals("array"), where + " array");
          if (x.type().equals("id")) {
            assertEquals("id", f.form(), where + " is a bare id");
          }
          if (x.type().equals("Bundle")) {
            assertEquals("bundle", f.form(), where + " is a Bundle");
          }
          assertEquals(x.ord1(), f.obeys().contains("ord-1"), where + " obeys ord-1");
        }
      }
    }
    assertEquals(elements.stream().map(Element::model).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
        models, "every model of the library is used by a hook version");
  }

  @Test
  void theHookCodesCodeSystemListsTheLibrarysStandardHooks() {
    HookCatalog.Code code = catalog.code("order-sign");
    assertNotNull(code);
    assertEquals("http://cds-hooks.hl7.org/hooks/CodeSystem/HookCodes", code.system());
    assertTrue(catalog.code("medication-prescribe").deprecated() && catalog.code("order-review").deprecated());
    for (String hook : catalog.names()) {
      HookDefinition d = catalog.definition(hook, null);
      HookCatalog.Code c = catalog.code(hook);
      if (hook.equals("medication-verify")) {
        assertEquals(null, c, "new in 2026: not in the CodeSystem yet");
      } else {
        assertNotNull(c, hook);
        assertEquals(d.deprecated(), c.deprecated(), hook + ": deprecated in the catalog and the CodeSystem alike");
      }
    }
    assertEquals("CodeSystem", catalog.codeSystem().path("resourceType").asText());
  }

  @Test
  void sourcesNameTheLibraryPageAndNothingInternal() {
    for (HookCatalog.Entry e : catalog.entries()) {
      for (String v : e.versions()) {
        HookDefinition d = catalog.definition(e.hook(), v);
        String text = d.source() + " " + String.join(" ", d.notes()) + " "
            + String.join(" ", d.templates().values().stream().map(t -> String.valueOf(t.note())).toList());
        assertTrue(!text.toLowerCase().contains("seed"), d.hook() + " " + v + ": " + text);
        assertTrue(d.source().contains("https://"), d.hook() + " " + v + " names its page: " + d.source());
      }
    }
  }

  private static List<Element> elements() throws IOException {
    List<Element> out = new ArrayList<>();
    try (InputStream in = ContextModelsTest.class.getResourceAsStream("/spec/context-models.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] p = line.trim().split("\\s+");
          out.add(new Element(p[0], p[1], p[2], p[3], p.length > 4 && p[4].equals("ord-1")));
        }
      }
    }
    return out;
  }
}
