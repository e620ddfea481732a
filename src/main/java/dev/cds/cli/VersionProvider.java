package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code cds --version}: cds, Java, the CDS Hooks versions and the hook library edition cds knows.
 * {@code --output json} gives the same as {@code {version, java, spec, hookLibrary}}; picocli's
 * root command has no {@code --output}, so {@link Main} asks {@link #answer} first.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    HookCatalog.Library lib = HookCatalog.bundled().library();
    return new String[] {
      "cds " + (cdsVersion() == null ? "(development build)" : cdsVersion()),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
      "CDS Hooks " + String.join(", ", SpecVersion.labels()) + " (default " + SpecVersion.DEFAULT.label() + ")",
      "Hook library " + lib.version() + " (" + lib.date() + ")"
    };
  }

  /** cds's version from the jar manifest, or null for a development build (classes, not a jar). */
  static String cdsVersion() {
    return VersionProvider.class.getPackage().getImplementationVersion();
  }

  /**
   * For {@code cds --version} alone and {@code cds --version --output json|pretty} (no command): the
   * text to print, or null when the arguments are not that and picocli should handle them.
   */
  static String answer(String[] args) {
    List<String> list = List.of(args);
    if (!(list.contains("--version") || list.contains("-V"))) {
      return null;
    }
    int i = list.indexOf("--output");
    String format = i >= 0 && i + 1 < list.size() ? list.get(i + 1)
        : list.stream().filter(a -> a.startsWith("--output=")).map(a -> a.substring("--output=".length()))
            .findFirst().orElse(null);
    if (format == null) {
      // a bare --version needs no command model at all; anything else next to it goes to picocli
      return list.stream().allMatch(a -> a.equals("--version") || a.equals("-V"))
          ? String.join(System.lineSeparator(), new VersionProvider().getVersion()) : null;
    }
    if (format.equals("json")) {
      return Json.pretty(json());
    }
    return String.join(System.lineSeparator(), new VersionProvider().getVersion());
  }

  static ObjectNode json() {
    ObjectNode n = Json.object();
    n.put("version", cdsVersion() == null ? "development" : cdsVersion());
    n.put("java", System.getProperty("java.version"));
    ObjectNode spec = n.putObject("spec");
    spec.put("default", SpecVersion.DEFAULT.label());
    SpecVersion.labels().forEach(spec.putArray("versions")::add);
    HookCatalog.Library lib = HookCatalog.bundled().library();
    ObjectNode library = n.putObject("hookLibrary");
    library.put("version", lib.version());
    library.put("date", lib.date());
    library.put("published", lib.published());
    return n;
  }
}
