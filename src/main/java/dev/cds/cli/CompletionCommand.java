package dev.cds.cli;

import dev.cds.core.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a bash or zsh completion script.",
      "The script is shell code, never JSON: --output is accepted and ignored."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(cds completion bash)                         # bash, this shell",
      "  cds completion zsh > \"$${fpath[1]}/_cds\"               # illustrative: zsh, permanently",
    })
final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @Parameters(paramLabel = "bash|zsh", description = "The shell.")
  Shell shell;

  @Spec CommandLine.Model.CommandSpec spec;

  private final CliContext ctx;

  CompletionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.out().print(script(spec.root().commandLine(), shell));
    return ExitCode.OK;
  }

  /** A native script for each shell, both written from the same model of every command. */
  static String script(CommandLine root, Shell shell) {
    CompletionScripts scripts = new CompletionScripts(CompletionModel.of(root), new HookNameCandidates());
    return shell == Shell.bash ? scripts.bash() : scripts.zsh();
  }
}
