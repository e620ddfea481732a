package dev.cds.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * How a command reads the global options ({@code --output}, {@code --color}, {@code -v} …), which
 * the root command declares once ({@link GlobalFlags}) and every subcommand inherits. A mixin
 * without options of its own (the empty {@code @Command} is what lets picocli take it as one): a
 * command writes {@code @Mixin GlobalOptions global} and asks it.
 */
@Command
public final class GlobalOptions {
  public enum Format { pretty, json }

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The root's flags; defaults when the command runs without the cds root (a bare test model). */
  private GlobalFlags flags() {
    Object root = command == null ? null : command.root().userObject();
    return root instanceof CdsCommand cds ? cds.flags : new GlobalFlags();
  }

  /** JSON on stdout: asked for, or by default when stdout is not a terminal. */
  public boolean json(CliContext ctx) {
    Format output = flags().output;
    return output == null ? !ctx.stdoutIsTerminal() : output == Format.json;
  }

  /**
   * Only {@code --output json} given on the command line: for commands whose plain output scripts
   * read from a pipe ({@code serve}'s URL, {@code jwt sign}'s token).
   */
  public boolean jsonRequested() {
    return flags().output == Format.json;
  }

  /**
   * ANSI colours in pretty output. {@code --color} (or {@code --no-color}) decides when given;
   * otherwise NO_COLOR turns them off, FORCE_COLOR on, TERM=dumb off, else stdout being a terminal
   * decides (no-color.org, force-color.org).
   */
  public boolean color(CliContext ctx) {
    if (json(ctx)) {
      return false;
    }
    GlobalFlags f = flags();
    GlobalFlags.ColorMode mode = f.noColor ? GlobalFlags.ColorMode.never : f.color;
    if (mode == GlobalFlags.ColorMode.always || mode == GlobalFlags.ColorMode.never) {
      return mode == GlobalFlags.ColorMode.always;
    }
    if (ctx.env("NO_COLOR") != null) {
      return false;
    }
    if (ctx.env("FORCE_COLOR") != null) {
      return true;
    }
    return !"dumb".equals(ctx.env("TERM")) && ctx.stdoutIsTerminal();
  }

  public boolean verbose() {
    return flags().verbose;
  }
}
