package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Grammar;
import dev.cds.serve.CdsServer;
import dev.cds.serve.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One name per concept across commands; former names still work but are not shown. */
class ConsistencyTest {
  @TempDir Path dir;

  @Test
  void oneSpellingPerConceptInHelpFormerOnesHidden() {
    String call = cli().run("call", "--help").out();
    String serve = cli().run("serve", "--help").out();
    String sign = cli().run("jwt", "sign", "--help").out();
    assertTrue(call.contains("--fhir-data=BUNDLE|DIR"), call);
    assertTrue(serve.contains("--fhir-data=BUNDLE|DIR"), serve);
    assertFalse(call.contains("--prefetch-from"), call);
    assertFalse(serve.contains("--fhir=") || serve.contains("--issuer"), serve);
    assertTrue(serve.contains("--iss=ISSUER"), serve);
    assertTrue(call.contains("--iss=ISSUER"), call);
    assertTrue(sign.contains("--jwt-ttl=DURATION") && call.contains("--jwt-ttl=DURATION"), sign);
    assertFalse(sign.contains("--ttl="), sign);
  }

  @Test
  void formerNamesStillParse() {
    // --issuer without --jwks is refused by what it means, not as an unknown option
    Cli.Result r = cli().run("serve", "--port", "0", "--issuer", "ehr");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--iss applies with --jwks"), r.err());
  }

  @Test
  void outValueThatNamesAFormatSuggestsOutput() {
    Cli.Result r = cli().run("init", "patient-view", "-o", "json");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("did you mean --output json?"), r.err());
    assertFalse(Files.exists(Path.of("json")));
  }

  @Test
  void validateTakesManyFilesAndExitsWithTheWorst() throws Exception {
    Path good = dir.resolve("good.json");
    Path bad = dir.resolve("bad.json");
    Path broken = dir.resolve("broken.json");
    Files.writeString(good, cli().run("init", "patient-view").out());
    Files.writeString(bad, "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{}}");
    Files.writeString(broken, "{");
    Cli.Result two = cli().run("validate", "--no-fhir", "--output", "json", good.toString(), bad.toString());
    assertEquals(1, two.code(), two.toString());
    assertEquals(2, two.out().lines().count(), two.out());
    assertTrue(two.out().contains("\"file\":\"" + good + "\""), two.out());
    Cli.Result three = cli().run("validate", "--no-fhir", good.toString(), broken.toString(), bad.toString());
    assertEquals(3, three.code(), three.toString());
    assertTrue(three.err().contains(broken.toString()), three.err());
    assertTrue(three.out().contains(bad.toString()), "the files after the broken one are still checked");
  }

  @Test
  void articlesFollowTheSound() {
    assertEquals("an order-sign", Grammar.withArticle("order-sign"));
    assertEquals("a patient-view", Grammar.withArticle("patient-view"));
    assertEquals("an RSA", Grammar.withArticle("RSA"));
    assertEquals("an EC", Grammar.withArticle("EC"));
    assertEquals("an object", Grammar.withArticle("object"));
  }

  @Test
  void requestForAnotherHookNamesTheRightKindOfService() throws Exception {
    Path request = dir.resolve("req.json");
    Files.writeString(request, cli().run("init", "order-sign").out());
    try (CdsServer server = TestServices.start()) {
      Cli.Result r = cli().run("call", "order-dispatch-crd", "--base", server.baseUrl(), "--request", request.toString());
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().contains("call an order-sign service"), r.err());
    }
  }
}
