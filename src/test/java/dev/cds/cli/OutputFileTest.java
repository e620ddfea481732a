package dev.cds.cli;

import static dev.cds.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code -o} promises on the command line. */
class OutputFileTest {
  @TempDir Path tmp;

  @Test
  void dashIsStdout() {
    Cli.Result r = cli().run("init", "patient-view", "-o", "-");
    assertEquals(0, r.code(), r.toString());
    assertEquals("patient-view", Json.parse(r.out(), "out").path("hook").asText());
    assertFalse(Files.exists(Path.of("-")), "no file named -");
  }

  @Test
  void aMissingFolderIsExit3AndStaysMissing() {
    Path out = tmp.resolve("missing").resolve("request.json");
    Cli.Result r = cli().run("init", "patient-view", "-o", out.toString());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("cannot write " + out), r.toString());
    assertFalse(Files.exists(out.getParent()));
  }

  @Test
  void aReadOnlyTargetIsExit3AndAnExistingModeIsKept() throws Exception {
    Path ro = Files.writeString(tmp.resolve("ro.json"), "{}");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r-----"));
    Cli.Result r = cli().run("init", "patient-view", "-o", ro.toString());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.err().contains("read-only"), r.toString());
    assertEquals("{}", Files.readString(ro));

    Path group = Files.writeString(tmp.resolve("group.json"), "{}");
    Files.setPosixFilePermissions(group, PosixFilePermissions.fromString("rw-rw----"));
    assertEquals(0, cli().run("init", "patient-view", "-o", group.toString()).code());
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(group)));
    assertTrue(Files.readString(group).contains("patient-view"));
  }
}
