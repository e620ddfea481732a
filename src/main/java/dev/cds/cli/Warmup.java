package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.client.Discovery;
import dev.cds.client.RequestBuilder;
import dev.cds.core.DaemonThreads;
import dev.cds.core.Json;
import dev.cds.hooks.HookCatalog;
import dev.cds.hooks.HookDefinition;
import dev.cds.hooks.Overrides;
import dev.cds.validate.DocumentKind;
import dev.cds.validate.Validator;
import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import java.util.Set;

/**
 * Start-up work done on the second core while picocli builds the command model on the first
 * (DESIGN.md, performance). Nothing is sent and nothing printed; whatever it does, the command
 * does again itself and reports what fails.
 *
 * <ul>
 *   <li>{@link BigDecimal}'s class initialisation, for every command: Jackson's parsers refer to it
 *       in their own, and from JDK 24 on it computes 5^(2^16) by repeated big-integer squaring,
 *       10–20 ms here (a few microseconds on JDK 17; the launchers have BigInteger compiled early).
 *       Started first, it is done before the command parses its first JSON, or nearly.
 *   <li>the hook catalog, read with Jackson, for the commands that build requests;
 *   <li>the JDK's HTTP classes (their static set-up includes a logger) for those that connect.
 * </ul>
 */
final class Warmup {
  private static final Set<String> CATALOG = Set.of("call", "init", "hooks", "validate", "prefetch");
  private static final Set<String> NETWORK = Set.of("call", "discover", "prefetch", "feedback");

  private Warmup() {}

  /** {@code command} is null for top-level help, version and an unknown command. */
  static void start(String command) {
    new DaemonThreads("cds-warmup").newThread(new Work(command != null && CATALOG.contains(command),
        command != null && NETWORK.contains(command),
        "call".equals(command) && Runtime.getRuntime().availableProcessors() > 1)).start();
  }

  /** A class rather than a lambda: the first lambda of a run costs milliseconds on JDK 17. */
  private static final class Work implements Runnable {
    private final boolean catalog;
    private final boolean network;
    private final boolean call;

    Work(boolean catalog, boolean network, boolean call) {
      this.catalog = catalog;
      this.network = network;
      this.call = call;
    }

    @Override
    public void run() {
      try {
        if (BigDecimal.ONE.signum() != 1) {
          return; // never: reading a constant is what initialises the class
        }
        if (network) {
          new URL("http://127.0.0.1/").openConnection();
        }
        if (catalog) {
          HookCatalog.bundled().definition("patient-view", null);
        }
        if (call) {
          call();
        }
      } catch (Exception | LinkageError ignored) {
        // only a head start: the command does the same work itself and reports what fails
      }
    }

    /** A call's own work, in memory: a discovery document, a request built and checked, cards checked. */
    private static void call() {
      HookCatalog catalog = HookCatalog.bundled();
      Discovery.of(Json.parse(DISCOVERY, "warm-up"));
      HookDefinition definition = catalog.definition("patient-view", null);
      ObjectNode request = new RequestBuilder(catalog).build("patient-view", definition,
          new RequestBuilder.Source(Json.parse(CONTEXT, "warm-up"), null, false, "R4", Overrides.parse(List.of()),
              new RequestBuilder.FhirAccess(null, null, null, null, null, null)));
      Validator validator = new Validator(catalog);
      Validator.Options options = new Validator.Options(false, "R4", definition == null ? null : definition.version());
      validator.validate(request, DocumentKind.REQUEST, options);
      JsonNode cards = Json.parse(CARDS, "warm-up");
      validator.validate(cards, DocumentKind.RESPONSE, options);
      Json.compact(request);
    }
  }

  private static final String DISCOVERY = "{\"services\":[{\"hook\":\"patient-view\",\"id\":\"w\",\"title\":\"t\","
      + "\"description\":\"d\",\"prefetch\":{\"patient\":\"Patient/{{context.patientId}}\"}}]}";
  private static final String CONTEXT = "{\"userId\":\"Practitioner/w\",\"patientId\":\"w\"}";
  private static final String CARDS = "{\"cards\":[{\"uuid\":\"b8a0e2c4-1f3d-4c5e-9a7b-2d6e8f0a1c3b\",\"summary\":\"s\","
      + "\"indicator\":\"info\",\"detail\":\"*d*\",\"source\":{\"label\":\"l\"},"
      + "\"links\":[{\"label\":\"l\",\"url\":\"https://example.org\",\"type\":\"absolute\"}]}]}";
}
