package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
  @Test
  void bytesAndBinaryUnits() {
    assertEquals(1048576, ByteSizes.parse("1048576"));
    assertEquals(1 << 20, ByteSizes.parse("1MB"));
    assertEquals(1 << 20, ByteSizes.parse("1m"));
    assertEquals(1 << 20, ByteSizes.parse("1 MiB"));
    assertEquals(512 * 1024, ByteSizes.parse("512KB"));
    assertEquals(2L << 30, ByteSizes.parse("2GB"));
    assertEquals(10, ByteSizes.parse("10b"));
  }

  @Test
  void anythingElseIsAUsageError() {
    for (String bad : new String[] {"", "MB", "-1MB", "1TB", "1 0", "0x10", "1.5k", "0"}) {
      assertEquals(ExitCode.USAGE, assertThrows(CdsException.class, () -> ByteSizes.parse(bad)).exitCode(), bad);
    }
  }
}
