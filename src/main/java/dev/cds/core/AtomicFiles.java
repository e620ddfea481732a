package dev.cds.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Output files appear whole or not at all: written beside the target, then moved into place. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Writes with the given POSIX permissions (e.g. {@code rw-------} for private keys) from the start. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      // not Files.createTempFile: its name comes from SecureRandom, whose provider set-up costs
      // every cds call that stores a discovery document about a hundred classes (createFile opens
      // with O_EXCL just the same)
      Path name = dir.resolve("." + target.getFileName() + "." + RandomIds.uuid() + ".tmp");
      tmp =
          permissions == null || !supportsPosix(dir)
              ? Files.createFile(name)
              : Files.createFile(name, PosixFilePermissions.asFileAttribute(permissions));
      if (permissions == null && supportsPosix(dir)) {
        // temporary files start private; an ordinary output file gets the usual rw-r--r--
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw CdsException.badInput("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure that brought us here is the one worth reporting
        }
      }
    }
  }

  private static boolean supportsPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
