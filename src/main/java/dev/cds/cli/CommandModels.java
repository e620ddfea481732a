package dev.cds.cli;

import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds picocli's model of the root and of one command. Picocli's own way reads the annotations
 * by reflection: each annotation type becomes a dynamic proxy class generated at run time, which
 * neither AppCDS nor the JDK 25 AOT cache can keep, and every annotated field is parsed anew on
 * every run. The build writes {@code GeneratedCommandModels} instead ({@link ModelGenerator}, in
 * process-classes): the same model put together through picocli's programmatic API, with fields
 * read and written by plain code. The annotations stay the single source, and
 * {@link #reflective()} is both the fall-back (a build that skipped that step, an IDE) and the
 * oracle the model test compares the generated one with.
 */
interface CommandModels {
  /** The generated models' class, written and compiled by the build. */
  String GENERATED = "dev.cds.cli.GeneratedCommandModels";

  /** The model of the root command, without subcommands. */
  CommandSpec root(CdsCommand cds, CliContext ctx, IFactory factory);

  /** The model of {@code command}, the object {@link Commands#create} made for {@code name}. */
  CommandSpec command(String name, Object command, CliContext ctx, IFactory factory);

  /** Adds {@code -h/--help} and {@code -V/--version} to a command that does not declare them. */
  void addStandardHelp(CommandSpec spec);

  /** The generated models when the build made them, else the reflective ones. */
  static CommandModels load() {
    try {
      return (CommandModels) Class.forName(GENERATED).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return reflective();
    }
  }

  /** Picocli's own model, from the annotations by reflection. */
  static CommandModels reflective() {
    return new CommandModels() {
      @Override
      public CommandSpec root(CdsCommand cds, CliContext ctx, IFactory factory) {
        return CommandSpec.forAnnotatedObject(cds, factory);
      }

      @Override
      public CommandSpec command(String name, Object command, CliContext ctx, IFactory factory) {
        return CommandSpec.forAnnotatedObject(command, factory);
      }

      @Override
      public void addStandardHelp(CommandSpec spec) {
        spec.mixinStandardHelpOptions(true);
      }
    };
  }
}
