package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files: whole or not at all, and never at the cost of what the name pointed to. */
class AtomicFilesTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private Path fifo(String name) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo not installed");
    Path fifo = tmp.resolve(name);
    Process p = new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0);
    return fifo;
  }

  @Test
  void aNewFileIsOrdinaryAndAnExistingOneKeepsItsMode() throws IOException {
    Path fresh = tmp.resolve("new.json");
    AtomicFiles.write(fresh, "{}\n");
    assertEquals("{}\n", Files.readString(fresh));
    assertEquals("rw-r--r--", mode(fresh));

    Path kept = Files.writeString(tmp.resolve("kept.json"), "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.write(kept, "new");
    assertEquals("new", Files.readString(kept));
    assertEquals("rw-r-----", mode(kept));

    AtomicFiles.write(kept, "secret".getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-------"));
    assertEquals("rw-------", mode(kept), "an explicit mode (a private key) wins");
    try (var files = Files.list(tmp)) {
      assertEquals(2, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aFifoIsWrittenInPlaceNotReplaced() throws Exception {
    Path fifo = fifo("pipe");
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    AtomicFiles.write(fifo, "through the pipe\n");
    assertEquals("through the pipe\n", reader.get(10, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo), "still a FIFO");
    assertTrue(Files.exists(fifo));
  }

  @Test
  void aSymlinkKeepsPointingWhereItDidAndItsTargetGetsTheContent() throws IOException {
    Path target = Files.writeString(tmp.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), target);
    AtomicFiles.write(link, "new");
    assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
    assertEquals(target, Files.readSymbolicLink(link));
    assertEquals("new", Files.readString(target));
  }

  @Test
  void aSymlinkToADeviceStaysALink() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/null")));
    Path link = Files.createSymbolicLink(tmp.resolve("out"), Path.of("/dev/null"));
    AtomicFiles.write(link, "discarded");
    assertTrue(Files.isSymbolicLink(link));
    assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
  }

  @Test
  void aReadOnlyFileIsRefusedAndUntouched() throws IOException {
    Path ro = Files.writeString(tmp.resolve("ro.json"), "keep me");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
    CdsException e = assertThrows(CdsException.class, () -> AtomicFiles.write(ro, "overwritten"));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot write " + ro + ": it is read-only"), e::getMessage);
    assertEquals("keep me", Files.readString(ro));
  }

  @Test
  void aMissingFolderIsBadOutputAndIsNotCreated() {
    Path missing = tmp.resolve("no").resolve("such").resolve("out.json");
    CdsException e = assertThrows(CdsException.class, () -> AtomicFiles.write(missing, "x"));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("there is no folder"), e::getMessage);
    assertFalse(Files.exists(tmp.resolve("no")));
  }

  @Test
  void errorsNameTheTargetNeverTheTemporaryFile() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
    Path full = Files.createSymbolicLink(tmp.resolve("full.json"), Path.of("/dev/full"));
    CdsException e = assertThrows(CdsException.class, () -> AtomicFiles.write(full, "x".repeat(100_000)));
    assertTrue(e.getMessage().startsWith("cannot write " + full + ": "), e::getMessage);
    assertFalse(e.getMessage().contains(".tmp"), e::getMessage);

    Path folder = Files.createDirectory(tmp.resolve("folder"));
    CdsException dir = assertThrows(CdsException.class, () -> AtomicFiles.write(folder, "x"));
    assertTrue(dir.getMessage().startsWith("cannot write " + folder + ": it is a folder"), dir::getMessage);
  }

  @Test
  void aPrivateDirectoryIsOwnerOnlyWhateverTheUmask() throws IOException {
    Path dir = AtomicFiles.privateDirectory(tmp.resolve("a").resolve("keys"));
    assertEquals("rwx------", mode(dir));
    Path existing = Files.createDirectory(tmp.resolve("mine"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
    AtomicFiles.privateDirectory(existing);
    assertEquals("rwxr-x---", mode(existing), "an existing folder is the user's business");
  }
}
