package dev.cds.cli;

import dev.cds.hooks.HookCatalog;
import java.math.BigDecimal;
import java.net.URL;
import java.util.Set;

/**
 * Start-up work done on the second core while picocli builds the command model on the first
 * (DESIGN.md, performance). Nothing is sent and nothing printed; whatever it does, the command
 * does again itself and reports what fails.
 *
 * <ul>
 *   <li>{@link BigDecimal}'s class initialisation, for every command: Jackson's parsers refer to it
 *       in their own, and from JDK 24 on it computes 5^(2^16) with parallel big-integer squaring,
 *       12–20 ms of interpreted work here (a few microseconds on JDK 17). Started first, it is done
 *       before the command parses its first JSON.
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
    Thread t = new Thread(new Work(command != null && CATALOG.contains(command),
        command != null && NETWORK.contains(command)), "cds-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** A class rather than a lambda: the first lambda of a run costs milliseconds on JDK 17. */
  private static final class Work implements Runnable {
    private final boolean catalog;
    private final boolean network;

    Work(boolean catalog, boolean network) {
      this.catalog = catalog;
      this.network = network;
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
      } catch (Exception | LinkageError ignored) {
        // only a head start: the command does the same work itself and reports what fails
      }
    }
  }
}
