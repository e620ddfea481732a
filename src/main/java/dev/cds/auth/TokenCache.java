package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Access tokens kept between runs so a shell loop does not fetch one per call: one file per
 * (token endpoint, client, scope, key), readable only by the user, used until shortly before the
 * token expires. A cache that cannot be read or written, or that someone else could have
 * tampered with, is simply skipped.
 */
final class TokenCache {
  /** Tokens are not reused in their last half minute: a call must not arrive with a dead token. */
  static final Duration MARGIN = Duration.ofSeconds(30);

  private final Path dir;
  private final Clock clock;

  TokenCache(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  static String key(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(p.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Path file(String key) {
    return dir.resolve(key + ".json");
  }

  /** A cached access token and when it expires. */
  record Entry(String token, Instant expiresAt) {}

  Optional<Entry> get(String key) {
    Path file = file(key);
    if (!safe(dir, true) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !safe(file, false)) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.parse(Files.readAllBytes(file), file.toString());
      String token = n.path("access_token").asText(null);
      long expiresAt = n.path("expires_at").asLong(0);
      Instant expiry = Instant.ofEpochSecond(expiresAt);
      if (token == null || clock.instant().plus(MARGIN).isAfter(expiry)) {
        return Optional.empty();
      }
      return Optional.of(new Entry(token, expiry));
    } catch (IOException | CdsException unreadable) {
      return Optional.empty();
    }
  }

  void put(String key, String token, Instant expiresAt) {
    if (clock.instant().plus(MARGIN).isAfter(expiresAt)) {
      return;
    }
    ObjectNode n = Json.object();
    n.put("access_token", token);
    n.put("expires_at", expiresAt.getEpochSecond());
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        AtomicFiles.privateDirectory(dir);
      }
      Path file = file(key);
      if (!safe(dir, true) || (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !safe(file, false))) {
        return;
      }
      AtomicFiles.write(file, Json.compact(n).getBytes(StandardCharsets.UTF_8), KeyFiles.OWNER_ONLY);
    } catch (CdsException e) {
      // the token is good for this run; only the reuse across runs is lost
    }
  }

  /**
   * Whether a token may be read from or written to {@code path}: not a symlink (which could
   * point anywhere), owned by this user, and writable by nobody else, who could otherwise plant a
   * token of their choosing or swap the file. Off POSIX file systems only the symlink is checked.
   */
  static boolean safe(Path path, boolean directory) {
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
