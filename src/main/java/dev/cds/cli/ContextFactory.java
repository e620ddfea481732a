package dev.cds.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates nested subcommands with the {@link CliContext} when their constructor takes one. */
final class ContextFactory implements IFactory {
  private final CliContext ctx;

  ContextFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> withContext = cls.getDeclaredConstructor(CliContext.class);
      withContext.setAccessible(true);
      return withContext.newInstance(ctx);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
