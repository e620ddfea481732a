package dev.cds.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data files that ship with cds (the hook library, FHIR type lists, CRD context models), by
 * class-path name. Those under {@code hooks/}, {@code fhir/} and {@code crd/} are compiled into
 * {@link BundledResources} by the build, so reading them opens no jar: a class-path look-up would
 * search the JDK's modules and then read cds.jar's index, about 10 ms of each run that needs one.
 * Anything else comes from the class path as usual.
 */
public final class Resources {
  private Resources() {}

  /** The resource {@code name} ({@code /hooks/index.json}), or null when cds has none by that name. */
  public static InputStream open(String name) {
    String text = BundledResources.text(name);
    if (text != null) {
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
    return Resources.class.getResourceAsStream(name);
  }
}
