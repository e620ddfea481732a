package dev.cds.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The key files of {@code src/test/resources/keys} as a user keeps them, mode 0600: cds refuses
 * a private key others can read, and git checks files out world-readable.
 */
public final class TestKeys {
  static final Path SOURCE = Path.of("src/test/resources/keys");
  private static final Path PRIVATE = Path.of("target", "private-test-keys");

  private TestKeys() {}

  /** A private copy of the named key file. */
  public static Path file(String name) {
    try {
      Files.createDirectories(PRIVATE);
      Path copy = PRIVATE.resolve(name);
      Files.copy(SOURCE.resolve(name), copy, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String path(String name) {
    return file(name).toString();
  }
}
