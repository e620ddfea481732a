package dev.cds.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time tool (exec-maven-plugin, package phase): writes the man pages of cds and every
 * subcommand as AsciiDoc (manpage doctype) from the full command model into the folder given,
 * {@code target/man}. Lives with the tests because picocli-codegen is a build-only dependency.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC(), false, false,
        Path.of("/nonexistent/cds-man"));
    CommandLine cds = Main.build(ctx, null, new String[0]);
    int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, cds.getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("man page generator exited " + code);
    }
  }
}
