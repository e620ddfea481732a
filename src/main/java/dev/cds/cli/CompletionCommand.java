package dev.cds.cli;

import dev.cds.core.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
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

  /** picocli's generated script; it serves zsh through bashcompinit, which the zsh form loads first. */
  static String script(CommandLine root, Shell shell) {
    // picocli names a variable after the value label; one that starts with a digit (2.0|crd|fhirpath)
    // is not a bash name, and sourcing the script would fail on it
    String bash = AutoComplete.bash("cds", root).replaceAll("(?<=[\\s{])(\\d\\w*_option_args)", "_$1");
    if (shell == Shell.bash) {
      return bash;
    }
    return "#compdef cds\n# zsh completion for cds, via bash completion compatibility\n"
        + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
        + bash;
  }
}
