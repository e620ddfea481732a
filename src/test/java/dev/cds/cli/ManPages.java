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
    // picocli's generator has no FILES, ENVIRONMENT or SEE ALSO: every page gets them
    StringBuilder tail = new StringBuilder("\n== Files\n\n");
    HelpLayout.FILES.forEach(f -> tail.append(f).append("\n\n"));
    tail.append("== Environment\n\n");
    HelpLayout.ENVIRONMENT.forEach(e -> tail.append(e).append(" +\n"));
    tail.append("\n== See also\n\n");
    tail.append(String.join(", ", cds.getSubcommands().keySet().stream().filter(n -> !n.equals("help"))
        .map(n -> "*cds-" + n + "*(1)").toList())).append(", *cds*(1)\n");
    try (var pages = java.nio.file.Files.list(Path.of(args[0]))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
        java.nio.file.Files.writeString(page, tail.toString(), java.nio.file.StandardOpenOption.APPEND);
      }
    }
  }
}
