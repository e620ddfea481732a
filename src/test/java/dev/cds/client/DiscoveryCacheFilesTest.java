package dev.cds.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A discovery document decides what a call sends where: one that others could have written is not used. */
class DiscoveryCacheFilesTest {
  private static final String BASE = "http://127.0.0.1:8080";
  private static final JsonNode DOCUMENT = Json.parse("{\"services\":[{\"id\":\"a\",\"hook\":\"patient-view\"}]}", "doc");

  @TempDir Path tmp;

  private DiscoveryCache cache(Path dir) {
    return new DiscoveryCache(dir, Clock.systemUTC(), Duration.ofMinutes(10));
  }

  @Test
  void anOwnerOnlyEntryIsUsed() throws Exception {
    Path dir = tmp.resolve("discovery");
    cache(dir).put(BASE, "none", DOCUMENT);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    Path file = cache(dir).file(BASE, "none");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(DOCUMENT, cache(dir).get(BASE, "none").orElseThrow());
  }

  @Test
  void anEntryOthersCanWriteIsIgnored() throws Exception {
    Path dir = tmp.resolve("discovery");
    cache(dir).put(BASE, "none", DOCUMENT);
    Path file = cache(dir).file(BASE, "none");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertTrue(cache(dir).get(BASE, "none").isEmpty(), "a world-writable entry is not trusted");
    cache(dir).put(BASE, "none", Json.parse("{\"services\":[]}", "doc"));
    assertEquals(DOCUMENT, Json.parse(Files.readString(file), "entry").get("document"), "nor written through");
  }

  @Test
  void aFolderOthersCanWriteIsIgnored() throws Exception {
    Path dir = tmp.resolve("discovery");
    cache(dir).put(BASE, "none", DOCUMENT);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertTrue(cache(dir).get(BASE, "none").isEmpty(), "others could have swapped the entry");
  }

  @Test
  void aSymlinkedEntryIsIgnoredAndNotWrittenThrough() throws Exception {
    Path dir = tmp.resolve("discovery");
    cache(dir).put(BASE, "other", DOCUMENT);
    Path real = tmp.resolve("elsewhere.json");
    Files.copy(cache(dir).file(BASE, "other"), real);
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
    Path link = cache(dir).file(BASE, "none");
    Files.writeString(real, Files.readString(real).replace("\"other\"", "\"none\""));
    Files.createSymbolicLink(link, real);
    assertTrue(cache(dir).get(BASE, "none").isEmpty(), "a symlink could point anywhere");
    cache(dir).put(BASE, "none", Json.parse("{\"services\":[]}", "doc"));
    assertTrue(Files.isSymbolicLink(link));
    assertFalse(Files.readString(real).contains("\"services\":[]"), "the link's target is left alone");
  }
}
