package dev.cds.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token cache trusts only a folder and files that are the user's own and nobody else's to change. */
class TokenCacheTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  static final Instant LATER = CLOCK.instant().plusSeconds(600);

  @TempDir Path config;
  Path dir;
  TokenCache cache;
  String key;

  @BeforeEach
  void fill() {
    dir = config.resolve("tokens");
    cache = new TokenCache(dir, CLOCK);
    key = TokenCache.key("https://auth.example/token", "client", "scope", "kid");
    cache.put(key, "at-1", LATER);
  }

  private Optional<String> token() {
    return cache.get(key).map(TokenCache.Entry::token);
  }

  @Test
  void aPrivateCacheIsCreatedOwnerOnlyAndUsed() throws IOException {
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file(key))));
    assertEquals(Optional.of("at-1"), token());
  }

  @Test
  void aFolderOthersCanWriteIsNeitherReadNorWritten() throws IOException {
    for (String mode : new String[] {"rwxrwx---", "rwx----wx", "rwxrwxrwx"}) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
      assertEquals(Optional.empty(), token(), mode);
      Files.delete(cache.file(key));
      cache.put(key, "planted", LATER);
      assertFalse(Files.exists(cache.file(key)), mode);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      cache.put(key, "at-1", LATER);
    }
  }

  @Test
  void aTokenFileOthersCanWriteIsIgnored() throws IOException {
    Files.setPosixFilePermissions(cache.file(key), PosixFilePermissions.fromString("rw--w----"));
    assertEquals(Optional.empty(), token());
  }

  @Test
  void symlinksAreRefusedForTheFolderAndTheFile() throws IOException {
    Path elsewhere = Files.createDirectory(config.resolve("elsewhere"));
    Path target = Files.copy(cache.file(key), elsewhere.resolve("t.json"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Files.delete(cache.file(key));
    Files.createSymbolicLink(cache.file(key), target);
    assertEquals(Optional.empty(), token(), "a symlinked token file");
    cache.put(key, "at-2", LATER);
    assertTrue(Files.isSymbolicLink(cache.file(key)), "never written through a symlink");

    Path linked = config.resolve("linked");
    Files.createSymbolicLink(linked, dir);
    TokenCache viaLink = new TokenCache(linked, CLOCK);
    Files.delete(cache.file(key));
    cache.put(key, "at-1", LATER);
    assertEquals(Optional.empty(), viaLink.get(key).map(TokenCache.Entry::token), "a symlinked folder");
  }

  @Test
  void filesOwnedBySomeoneElseAreIgnored() throws IOException {
    UserPrincipal nobody;
    try {
      nobody = config.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(cache.file(key), nobody);
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("cannot give a file to nobody here: " + e);
      return;
    }
    assertEquals(Optional.empty(), token(), "a token file owned by nobody");
    Files.setOwner(cache.file(key), Files.getOwner(config));
    assertEquals(Optional.of("at-1"), token());
    Files.setOwner(dir, nobody);
    assertEquals(Optional.empty(), token(), "a folder owned by nobody");
  }
}
