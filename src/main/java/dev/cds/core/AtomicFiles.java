package dev.cds.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Output files appear whole or not at all: written beside the target, then renamed into place.
 *
 * <p>A rename replaces whatever has the name, so it is used only for a regular file (or a new
 * one). A device, a FIFO or a symlink is written in place, as a shell redirection would:
 * {@code -o /dev/stdout} must not turn the device into a file, and a symlink must keep pointing
 * where it did. A read-only file is refused rather than replaced behind its mode, an existing
 * file keeps its mode, and a missing folder is an error rather than something cds invents.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> ORDINARY = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private AtomicFiles() {}

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * Writes with the given POSIX permissions (e.g. {@code rw-------} for private keys) from the
   * start; with null permissions a new file is {@code rw-r--r--} and an existing one keeps its own.
   * Failures are bad output (exit 3) naming {@code target}.
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) {
    if (Files.isSymbolicLink(target)) {
      inPlace(target, content);
      return;
    }
    if (Files.isDirectory(target)) {
      throw CdsException.badInput("cannot write " + target + ": it is a folder; give a file name");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      inPlace(target, content);
      return;
    }
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw CdsException.badInput("cannot write " + target + ": there is no folder " + dir + " (create it first)");
    }
    Set<PosixFilePermission> mode = permissions;
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (Files.exists(target)) {
      Set<PosixFilePermission> existing = posix ? currentMode(target) : null;
      if (!Files.isWritable(target) || (existing != null && !writable(existing))) {
        throw CdsException.badInput("cannot write " + target + ": it is read-only; make it writable"
            + " (chmod u+w " + target + ") or choose another file");
      }
      if (mode == null) {
        mode = existing;
      }
    }
    if (mode == null) {
      mode = ORDINARY;
    }
    replace(target, dir, content, posix ? mode : null);
  }

  /**
   * Creates {@code dir} (and missing parents) for files only its owner may read, mode
   * {@code rwx------} whatever the umask; an existing folder is left as it is.
   */
  public static Path privateDirectory(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(dir);
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // set after creation: the umask would strip bits from a mode given at creation, and
        // Files.createDirectory(dir, attribute) is subject to it
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
      }
      return dir;
    } catch (IOException e) {
      throw CdsException.badInput("cannot create folder " + dir + ": " + reason(e), e);
    }
  }

  private static void replace(Path target, Path dir, byte[] content, Set<PosixFilePermission> mode) {
    Path tmp = null;
    try {
      // not Files.createTempFile: its name comes from SecureRandom, whose provider set-up costs
      // every cds call that stores a discovery document about a hundred classes (createFile opens
      // with O_EXCL just the same)
      Path name = dir.resolve("." + target.getFileName() + "." + RandomIds.uuid() + ".tmp");
      tmp = mode == null ? Files.createFile(name) : Files.createFile(name, PosixFilePermissions.asFileAttribute(mode));
      if (mode != null) {
        // creation applies the umask; the mode asked for (or the file's own) is set exactly
        Files.setPosixFilePermissions(tmp, mode);
      }
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw CdsException.badInput("cannot write " + target + ": " + reason(e), e);
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

  private static void inPlace(Path target, byte[] content) {
    try {
      Files.write(target, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw CdsException.badInput("cannot write " + target + ": " + reason(e), e);
    }
  }

  private static Set<PosixFilePermission> currentMode(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** A mode without a single write bit is read-only, even for root, who may write anyway. */
  private static boolean writable(Set<PosixFilePermission> mode) {
    return mode.contains(PosixFilePermission.OWNER_WRITE) || mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** Why, without a file name: the JDK's messages name the temporary file, which the user never asked for. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
