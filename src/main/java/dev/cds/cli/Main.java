package dev.cds.cli;

import dev.cds.core.AsciiWriter;
import dev.cds.core.ExitCode;
import dev.cds.core.Glyphs;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  static final Map<String, String> EXIT_CODES = exitCodes();
  /**
   * Picocli's built-in converters it need not register: for each java.sql and java.time type it
   * knows, every CommandLine calls Class.forName, which loads the java.sql module and initialises
   * java.time's formatters (about a hundred classes) on every run. No option has such a type
   * (Duration options have their own converter; CommandModelsTest checks it).
   */
  static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";
  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  private Main() {}

  public static void main(String[] args) {
    StartupTrace trace = StartupTrace.fromEnvironment(System.getenv());
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Warmup.start(commandName(args));
    int code = run(args, CliContext.system(out, err), trace);
    out.flush();
    err.flush();
    if (Boolean.getBoolean(ArchiveCompletion.PROPERTY)) { // the constant is inlined: the class loads only then
      ArchiveCompletion.run();
    }
    trace.print(System.err);
    if (code != ExitCode.OK || otherThreadKeepsTheJvmAlive()) {
      System.exit(code);
    }
    // success with nothing else running: returning ends the JVM with status 0, running the same
    // shutdown hooks. System.exit on JDK 21+ first looks up a System.Logger to log the exit, which
    // scans the class path for a logger service: about 7 ms, cds.jar's index read included.
  }

  /** Whether a thread other than this one would keep the JVM running after main returns. */
  private static boolean otherThreadKeepsTheJvmAlive() {
    ThreadGroup all = Thread.currentThread().getThreadGroup();
    while (all.getParent() != null) {
      all = all.getParent(); // the system group: the JDK's own threads and those of every library
    }
    Thread[] threads = new Thread[all.activeCount() + 8];
    int n = all.enumerate(threads, true);
    if (n == threads.length) {
      return true; // more than were counted a moment ago: do not guess
    }
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
        return true;
      }
    }
    return false;
  }

  /** Runs one command line; tests call this with their own context. */
  public static int run(String[] args, CliContext ctx) {
    return run(args, ctx, StartupTrace.off());
  }

  static int run(String[] args, CliContext given, StartupTrace trace) {
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
    }
    trace.mark("context");
    Invocation run = new Invocation(args, given, trace);
    CdsCommand cds = run.cds;
    CliContext ctx = asciiSafe(given, run.jsonOutput());
    ErrorHandler errors = new ErrorHandler(run.stacktrace());
    try {
      String command = commandName(args);
      String version = command == null ? VersionProvider.answer(args) : null;
      if (version != null) {
        ctx.out().println(version);
        return ExitCode.OK;
      }
      CommandLine cli = build(ctx, cds, command, args, CommandModels.load(), trace);
      cli.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
      cli.setExecutionStrategy(run);
      return cli.execute(args);
    } catch (RuntimeException | Error e) {
      // failures while building the model (bad resources), and Errors (StackOverflowError …),
      // which picocli lets through, still get the one-line treatment
      return errors.report(e, ctx.err());
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  /**
   * What one run's streams, error handler and execution strategy read once parsing got that far.
   * Named and anonymous classes rather than lambdas: these run on every command, and on JDK 17 the
   * first lambda of a run costs milliseconds and each one after it about 0.2 ms.
   */
  private static final class Invocation implements CommandLine.IExecutionStrategy {
    final CdsCommand cds = new CdsCommand();
    private final String[] args;
    private final CliContext given;
    private final StartupTrace trace;
    private boolean help;

    Invocation(String[] args, CliContext given, StartupTrace trace) {
      this.args = args;
      this.given = given;
      this.trace = trace;
    }

    @Override
    public int execute(CommandLine.ParseResult parsed) {
      trace.mark("picocli parse");
      for (CommandLine c : parsed.asCommandLineList()) {
        help |= c.isUsageHelpRequested() || c.isVersionHelpRequested() || c.getCommand() instanceof CommandLine.HelpCommand;
      }
      int code = new CommandLine.RunLast().execute(parsed);
      trace.mark("command");
      return code;
    }

    /** Whether stdout carries JSON (for the ASCII-only streams): never for help. */
    BooleanSupplier jsonOutput() {
      return new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
          return !help && (cds.flags.output == null
              ? !given.stdoutIsTerminal() : cds.flags.output == GlobalOptions.Format.json);
        }
      };
    }

    /** The parsed flag once parsing got that far; the raw argument for failures before it. */
    BooleanSupplier stacktrace() {
      return new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
          return cds.flags.stacktrace || List.of(args).contains("--stacktrace");
        }
      };
    }
  }

  /**
   * The context with ASCII-only streams when the locale is not UTF-8 (stdout is UTF-8 otherwise):
   * text gets ASCII glyphs, JSON escapes ({@code json} says which, once the line is parsed).
   */
  private static CliContext asciiSafe(CliContext ctx, BooleanSupplier json) {
    if (Glyphs.utf8(ctx.env())) {
      return ctx;
    }
    return new CliContext(new PrintWriter(new AsciiWriter(ctx.out(), json)),
        new PrintWriter(new AsciiWriter(ctx.err(), () -> false), true), ctx.in(), ctx.env(), ctx.clock(),
        ctx.stdoutIsTerminal(), ctx.stdinIsTerminal(), ctx.configDir());
  }

  static CommandLine build(CliContext ctx, String command, String[] args) {
    return build(ctx, command, args, CommandModels.load());
  }

  static CommandLine build(CliContext ctx, String command, String[] args, CommandModels models) {
    return build(ctx, new CdsCommand(), command, args, models, StartupTrace.off());
  }

  /**
   * The root with only {@code command}'s subtree when it is known; the full tree for top-level
   * help and for completion scripts, which describe every command. The global options, declared
   * on the root, reach each subcommand as it is added.
   */
  private static CommandLine build(CliContext ctx, CdsCommand cds, String command, String[] args,
      CommandModels models, StartupTrace trace) {
    ContextFactory factory = new ContextFactory(ctx);
    boolean one = command != null && !command.equals("completion");
    // the invoked command's model on the second core while this one builds the root's
    FutureTask<CommandLine> sub = one ? CommandModelTask.start(command, ctx, models, factory) : null;
    CommandLine root = new CommandLine(models.root(cds, ctx, factory), factory);
    trace.mark("picocli root model");
    if (one) {
      root.addSubcommand(command, CommandModelTask.join(sub));
      trace.mark("picocli model of " + command + " (built alongside)");
    } else {
      Commands.names().forEach(name -> add(root, name, ctx, models, factory, trace));
      root.addSubcommand("help", new CommandLine.HelpCommand());
      // picocli's own text describes the bare case only
      root.getSubcommands().get("help").getCommandSpec().usageMessage()
          .description("Show the help of cds, or of a command: cds help call.");
    }
    root.setOut(ctx.out()).setErr(ctx.err());
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setDefaultValueProvider(new ProfileDefaults(ctx, ProfileDefaults.selected(args, ctx)));
    applyExitCodeTable(root, models);
    new HelpLayout(ctx.env()).apply(root);
    trace.mark("defaults, exit-code table");
    return root;
  }

  private static void add(CommandLine root, String name, CliContext ctx, CommandModels models,
      ContextFactory factory, StartupTrace trace) {
    Object command = Commands.create(name, ctx);
    trace.mark("new " + command.getClass().getSimpleName());
    root.addSubcommand(name, new CommandLine(models.command(name, command, ctx, factory), factory));
    trace.mark("picocli model of " + name);
  }

  /** Every command gets -h/--help and the exit-code table in its help. */
  private static void applyExitCodeTable(CommandLine cli, CommandModels models) {
    if (cli.getCommandSpec().optionsMap().get("--help") == null) {
      models.addStandardHelp(cli.getCommandSpec());
    }
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    for (CommandLine sub : cli.getSubcommands().values()) {
      applyExitCodeTable(sub, models);
    }
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(String.valueOf(ExitCode.OK), "ok");
    codes.put(String.valueOf(ExitCode.FINDINGS),
        "findings: diff differs, --fail-on/--expect hit, validation errors, a failed SHALL check");
    codes.put(String.valueOf(ExitCode.USAGE), "usage: unknown command, option, hook or service");
    codes.put(String.valueOf(ExitCode.BAD_INPUT), "bad input file (not JSON, not a key, no example for that version)");
    codes.put(String.valueOf(ExitCode.SERVICE), "service or network failure");
    codes.put(String.valueOf(ExitCode.INTERNAL), "internal error: a bug in cds, please report it");
    return codes;
  }

  /**
   * The command the line names: the first argument after the global options that may precede it
   * ({@code cds -v --output json call …}). Null for top-level help and version, an unknown name
   * or no command at all, which all need the full tree. The arguments are only read, never
   * reordered: picocli parses the global options wherever they stand.
   */
  static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (GlobalFlags.WITH_VALUE.contains(a)) {
        i++;
      } else if (!GlobalFlags.WITHOUT_VALUE.contains(a) && !isGlobalWithValue(a)) {
        return Commands.has(a) ? a : null;
      }
    }
    return null;
  }

  private static boolean isGlobalWithValue(String arg) {
    int eq = arg.indexOf('=');
    return eq > 0 && GlobalFlags.WITH_VALUE.contains(arg.substring(0, eq));
  }
}
