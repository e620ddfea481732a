package dev.cds.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.Json;
import dev.cds.core.PrivatePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Discovery documents kept per base URL and auth identity (as kubectl keeps API discovery), so a
 * {@code cds call HOOK} in a loop makes one round trip instead of two. An entry is never shared
 * across identities: a service may list different services to different callers. Files are
 * owner-only; a damaged or foreign entry (a symlink, another user's file, a file or folder others
 * can write) is ignored, never trusted, and never written through.
 */
public final class DiscoveryCache {
  /**
   * When the document was fetched, in epoch milliseconds: not an ISO-8601 text, whose parsing and
   * formatting set up java.time's formatters (about 30 classes and a few lambdas) on every call.
   */
  private static final String FETCHED = "fetchedAtMillis";
  private final Path dir;
  private final Clock clock;
  private final Duration ttl;

  public DiscoveryCache(Path dir, Clock clock, Duration ttl) {
    this.dir = dir;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The cached document for this base and identity, when one is younger than the TTL. */
  public Optional<JsonNode> get(String base, String identity) {
    Path file = file(base, identity);
    try {
      // the file first: a missing one is a quick miss
      if (!PrivatePaths.trusted(file, false) || !PrivatePaths.trusted(dir, true)) {
        return Optional.empty();
      }
      JsonNode entry = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      if (!base.equals(entry.path("base").asText()) || !identity.equals(entry.path("identity").asText())) {
        return Optional.empty();
      }
      JsonNode millis = entry.get(FETCHED);
      if (millis == null || !millis.canConvertToLong()) {
        return Optional.empty(); // an entry from before this format, or a damaged one
      }
      Instant fetched = Instant.ofEpochMilli(millis.asLong());
      if (fetched.plus(ttl).isBefore(clock.instant()) || fetched.isAfter(clock.instant().plusSeconds(60))) {
        return Optional.empty();
      }
      return Optional.of(entry.get("document"));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // a cache is never a reason to fail
    }
  }

  public void put(String base, String identity, JsonNode document) {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path file = file(base, identity);
      if (!PrivatePaths.trusted(dir, true) || (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && !PrivatePaths.trusted(file, false))) {
        return;
      }
      ObjectNode entry = Json.object();
      entry.put("base", base);
      entry.put("identity", identity);
      entry.put(FETCHED, clock.millis());
      entry.set("document", document);
      AtomicFiles.write(file, Json.compact(entry).getBytes(StandardCharsets.UTF_8),
          PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | RuntimeException unwritable) {
      // a read-only or foreign cache folder only costs the next run a round trip
    }
  }

  /** Forgets an entry: a call found the document stale (a 404, an unknown service or hook). */
  public void invalidate(String base, String identity) {
    try {
      Files.deleteIfExists(file(base, identity));
    } catch (IOException ignored) {
      // the entry expires with its TTL
    }
  }

  /**
   * A 64-bit FNV-1a hash names the file: the entry itself records base and identity and
   * {@link #get} checks both, so a collision is only a miss, never a document shared across
   * identities. Not {@code MessageDigest}: the JCA provider list costs every cached or uncached
   * {@code cds call} about a hundred classes and 10 ms at start-up.
   */
  Path file(String base, String identity) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (base + "\n" + identity).getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return dir.resolve(HexFormat.of().toHexDigits(h) + ".json");
  }
}
