package dev.cds.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ServerLogTest {
  @Test
  void everythingATerminalActsOnIsWrittenVisibly() {
    assertEquals("a\\nb\\r\\tc", ServerLog.escape("a\nb\r\tc"));
    assertEquals("\\u001b[2J \\u0007 \\u007f \\u009b \\u202e \\u2066 \\u2028 \\u061c", ServerLog.escape(
        "\u001b[2J \u0007 \u007f \u009b \u202e \u2066 \u2028 \u061c"));
    assertEquals("C:\\\\x \\\\n", ServerLog.escape("C:\\x \\n"), "a literal backslash-n stays distinct from a newline");
    String plain = "GET /cds-services 200 3ms é ✓";
    assertSame(plain, ServerLog.escape(plain));
  }

  @Test
  void oneLinePerCall() {
    StringWriter out = new StringWriter();
    new ServerLog(new PrintWriter(out)).line("rejected: kid 'x\nGET / 200'");
    assertEquals("rejected: kid 'x\\nGET / 200'" + System.lineSeparator(), out.toString());
    new ServerLog(null).line("quiet: nothing, and no failure");
  }
}
