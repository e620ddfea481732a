package dev.cds.core;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The parts of cds that live in {@value #JAR} beside {@code cds.jar}: FHIR validation (HAPI FHIR)
 * and the TLS of {@code cds serve} (BouncyCastle), three quarters of the libraries' entries.
 * The JVM reads the whole central directory of every jar it opens, and ServiceLoader scans (which
 * {@code cds call} triggers) open every jar on the class path, so that jar is not on the class path
 * at all: it is opened here, once, only when one of its classes is asked for.
 *
 * <p>A class is taken from cds's own class loader first: tests, an IDE and a native image have
 * everything on one class path. Callers name the class as a string and use it through an
 * interface of their own, so nothing else refers to it by type; the class, living under another
 * loader, may use only public members of the rest of cds.
 */
public final class Extension {
  /** The file name, in the folder of the jar cds runs from. */
  public static final String JAR = "cds-ext.jar";

  private Extension() {}

  /**
   * A new instance of {@code className} (public, with a public no-argument constructor) as
   * {@code type}. {@code needs} says in words what needs it, for the message of a missing jar.
   */
  public static <T> T create(String className, Class<T> type, String needs) {
    Class<?> c = find(className, Extension.class.getClassLoader(), needs);
    try {
      return type.cast(c.getConstructor().newInstance());
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + className + ": " + e, e);
    }
  }

  /** The class from {@code own}, else from {@value #JAR} beside cds. */
  static Class<?> find(String className, ClassLoader own, String needs) {
    try {
      return Class.forName(className, true, own);
    } catch (ClassNotFoundException notHere) {
      ClassLoader ext = Installed.LOADER;
      if (ext == null) {
        throw missing(Installed.JAR, needs);
      }
      try {
        return Class.forName(className, true, ext);
      } catch (ClassNotFoundException e) {
        throw new CdsException(ExitCode.INTERNAL, Installed.JAR + " does not hold " + className
            + " (a jar of another version of cds?): reinstall cds", e);
      }
    }
  }

  /**
   * A broken install, not the user's input nor a service: the internal-error code, with the file
   * and the fix.
   */
  static CdsException missing(Path jar, String needs) {
    return new CdsException(ExitCode.INTERNAL, needs + " needs " + (jar == null ? JAR : jar)
        + ", which is missing from this install of cds: reinstall cds");
  }

  /** {@value #JAR} in the folder of {@code codeSource} (cds.jar, or the classes folder). */
  static Path beside(Path codeSource) {
    return codeSource.resolveSibling(JAR);
  }

  /** Made on first use by the JVM's class initialisation: once, and only when asked for. */
  private static final class Installed {
    static final Path JAR = locate();
    static final ClassLoader LOADER = open(JAR);

    private static Path locate() {
      CodeSource source = Extension.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      try {
        return beside(Path.of(source.getLocation().toURI()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        return null;
      }
    }

    private static ClassLoader open(Path jar) {
      if (jar == null || !Files.isRegularFile(jar)) {
        return null;
      }
      try {
        return new URLClassLoader("cds-ext", new URL[] {jar.toUri().toURL()}, Extension.class.getClassLoader());
      } catch (MalformedURLException e) {
        return null;
      }
    }
  }
}
