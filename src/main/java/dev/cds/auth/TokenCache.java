package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.PrivatePaths;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

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
    // the file first: a missing one is a quick miss
    if (!PrivatePaths.trusted(file, false) || !PrivatePaths.trusted(dir, true)) {
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
      if (!PrivatePaths.trusted(dir, true)
          || (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !PrivatePaths.trusted(file, false))) {
        return;
      }
      AtomicFiles.write(file, Json.compact(n).getBytes(StandardCharsets.UTF_8), KeyFiles.OWNER_ONLY);
    } catch (CdsException e) {
      // the token is good for this run; only the reuse across runs is lost
    }
  }
}
