package dev.cds.cli;

import dev.cds.core.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;

/**
 * The invoked command's picocli model, built on a thread of its own while {@link Main} builds the
 * root's: the two are separate objects until the root adds the command, and on two cores the
 * command's model (up to 11 ms for {@code call}, with its nine mixins) is then ready when the
 * root's is. A failure is rethrown as it was thrown, on the caller's thread.
 */
final class CommandModelTask implements Callable<CommandLine> {
  private final String name;
  private final CliContext ctx;
  private final CommandModels models;
  private final ContextFactory factory;

  private CommandModelTask(String name, CliContext ctx, CommandModels models, ContextFactory factory) {
    this.name = name;
    this.ctx = ctx;
    this.models = models;
    this.factory = factory;
  }

  static FutureTask<CommandLine> start(String name, CliContext ctx, CommandModels models, ContextFactory factory) {
    FutureTask<CommandLine> task = new FutureTask<>(new CommandModelTask(name, ctx, models, factory));
    new DaemonThreads("cds-model").newThread(task).start();
    return task;
  }

  @Override
  public CommandLine call() {
    return new CommandLine(models.command(name, Commands.create(name, ctx), ctx, factory), factory);
  }

  static CommandLine join(FutureTask<CommandLine> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the model is needed either way: finish, then keep the interrupt
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
