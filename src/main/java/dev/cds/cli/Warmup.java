package dev.cds.cli;

import dev.cds.hooks.HookCatalog;
import java.net.URL;
import java.util.Set;

/**
 * Start-up work done on the second core while picocli builds the command model on the first
 * (DESIGN.md, performance): loading and initialising the hook catalog with Jackson, and the JDK's
 * HTTP classes (their static set-up includes a logger). Nothing is sent and nothing printed.
 */
final class Warmup {
  private static final Set<String> CATALOG = Set.of("call", "init", "hooks", "validate", "prefetch");
  private static final Set<String> NETWORK = Set.of("call", "discover", "prefetch", "feedback");

  private Warmup() {}

  /** {@code command} is null for top-level help and version. */
  static void start(String command) {
    boolean catalog = command != null && CATALOG.contains(command);
    boolean network = command != null && NETWORK.contains(command);
    if (!catalog && !network) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        if (network) {
          new URL("http://127.0.0.1/").openConnection();
        }
        if (catalog) {
          HookCatalog.bundled().definition("patient-view", null);
        }
      } catch (Exception | LinkageError ignored) {
        // only a head start: the command does the same work itself and reports what fails
      }
    }, "cds-warmup");
    t.setDaemon(true);
    t.start();
  }
}
