package dev.cds.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** Whether a file that cds keeps for itself (a token, a discovery document) can be trusted. */
public final class PrivatePaths {
  private PrivatePaths() {}

  /**
   * True when {@code path} may be read from or written to: not a symlink (which could point
   * anywhere), the kind asked for, owned by this user, and writable by nobody else, who could
   * otherwise plant content of their choosing or swap the file. Off POSIX file systems only the
   * symlink and the kind are checked.
   */
  public static boolean trusted(Path path, boolean directory) {
    try {
      if (Files.isSymbolicLink(path)
          || (directory ? !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
              : !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))) {
        return false;
      }
      if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return true;
      }
      PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> mode = attributes.permissions();
      UserPrincipal me = path.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      return attributes.owner().equals(me)
          && !mode.contains(PosixFilePermission.GROUP_WRITE) && !mode.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
