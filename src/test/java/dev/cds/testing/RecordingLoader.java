package dev.cds.testing;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader over the test class path that shares nothing with the one running the tests, and
 * records every class it is asked for: how the isolation tests show that a heavy library (HAPI,
 * commonmark, BouncyCastle) stays off a path until it is needed.
 */
public final class RecordingLoader extends URLClassLoader {
  private final Set<String> requested = ConcurrentHashMap.newKeySet();

  public RecordingLoader() throws MalformedURLException {
    super(testClassPath(), ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    requested.add(name);
    return super.loadClass(name, resolve);
  }

  /** Whether a class under any of the package prefixes was asked for. */
  public boolean loaded(String... prefixes) {
    return !loadedOf(prefixes).isEmpty();
  }

  /** The classes under the package prefixes that were asked for, sorted: for a failure message. */
  public List<String> loadedOf(String... prefixes) {
    return requested.stream().filter(n -> Arrays.stream(prefixes).anyMatch(n::startsWith)).sorted().toList();
  }

  /**
   * Runs {@code cds} with the arguments in this loader, as {@code Main.run} with output thrown away,
   * no input, no environment and no config; returns the exit code.
   */
  public int runCds(String... args) throws ReflectiveOperationException {
    Class<?> context = loadClass("dev.cds.cli.CliContext");
    Object ctx = context.getConstructor(PrintWriter.class, PrintWriter.class, InputStream.class, Map.class, Clock.class,
            boolean.class, boolean.class, Path.class)
        .newInstance(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC(), false, false, Path.of("target", "no-config"));
    return (int) loadClass("dev.cds.cli.Main").getMethod("run", String[].class, context).invoke(null, args, ctx);
  }

  private static URL[] testClassPath() throws MalformedURLException {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    return urls;
  }
}
