package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data files compiled into {@link BundledResources} by src/build/BundleResources.java. */
class ResourcesTest {
  private static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void everyDataFileIsBundledByteForByte() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("hooks", "fhir", "crd")) {
      try (Stream<Path> walk = Files.walk(RESOURCES.resolve(folder))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assertTrue(files.size() > 40, "the hook library alone has more than 40 files");
    for (Path file : files) {
      String name = "/" + RESOURCES.relativize(file).toString().replace('\\', '/');
      assertNotNull(BundledResources.text(name), name + " is not bundled: run the build (generate-sources)");
      try (InputStream in = Resources.open(name)) {
        assertArrayEquals(Files.readAllBytes(file), in.readAllBytes(), name);
      }
    }
  }

  @Test
  void otherResourcesComeFromTheClassPath() throws IOException {
    assertNull(BundledResources.text("/dev/cds/cli/config-keys.txt"));
    try (InputStream in = Resources.open("/dev/cds/cli/config-keys.txt")) {
      assertNotNull(in);
    }
    assertNull(Resources.open("/hooks/no-such-hook.json"));
  }

  /** The generator itself, on what could break a string constant: quotes, escapes, non-ASCII, length. */
  @Test
  void generatorKeepsAnyTextIntact(@TempDir Path dir) throws Exception {
    Path res = dir.resolve("res");
    Files.createDirectories(res.resolve("data/nested"));
    String tricky = "{\"q\": \"a \\\" b \\\\ c\", \"tab\":\"\t\", \"cr\":\"\r\n\", \"unicode\": \"é ✓ 𝄞 \\u000a\"}\n";
    // longer than one constant chunk, with a surrogate pair right at a chunk boundary
    String longText = "x".repeat(15_999) + "𝄞" + "y".repeat(40_000) + "\u0001\u007f end";
    Files.writeString(res.resolve("data/tricky.json"), tricky, StandardCharsets.UTF_8);
    Files.writeString(res.resolve("data/nested/long.txt"), longText, StandardCharsets.UTF_8);
    Files.writeString(res.resolve("other.txt"), "not bundled", StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "src/build/BundleResources.java", res.toString(), out.toString(), "data")
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), log);

    Path source = out.resolve("dev/cds/core/BundledResources.java");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-encoding", "UTF-8", "-d", classes.toString(), source.toString()));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      Method text = loader.loadClass("dev.cds.core.BundledResources").getDeclaredMethod("text", String.class);
      text.setAccessible(true);
      assertEquals(tricky, text.invoke(null, "/data/tricky.json"));
      assertEquals(longText, text.invoke(null, "/data/nested/long.txt"));
      assertNull(text.invoke(null, "/other.txt"));
    }
  }
}
