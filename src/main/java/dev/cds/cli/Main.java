package dev.cds.cli;

import dev.cds.core.ExitCode;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/** The entry point: the only place that calls {@code System.exit}. */
public final class Main {
  private static final Set<String> GLOBAL_FLAGS = Set.of("--no-color", "-v", "--verbose", "--stacktrace");
  static final Map<String, String> EXIT_CODES = exitCodes();

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Warmup.start(commandName(globalOptionsAfterCommand(args)));
    int code = run(args, CliContext.system(out, err));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; tests call this with their own context. */
  public static int run(String[] args, CliContext ctx) {
    String[] ordered = globalOptionsAfterCommand(args);
    String command = commandName(ordered);
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    ErrorHandler errors = new ErrorHandler(stacktrace);
    try {
      String version = command == null ? VersionProvider.answer(ordered) : null;
      if (version != null) {
        ctx.out().println(version);
        return ExitCode.OK;
      }
      CommandLine cli = build(ctx, command, ordered);
      cli.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
      return cli.execute(ordered);
    } catch (RuntimeException e) {
      // failures while building the model (bad resources) still get the one-line treatment
      return errors.report(e, ctx.err());
    } finally {
      ctx.out().flush();
    }
  }

  /**
   * The root with only {@code command}'s subtree when it is known; the full tree for top-level
   * help and for completion scripts, which describe every command.
   */
  static CommandLine build(CliContext ctx, String command, String[] args) {
    CommandLine root = new CommandLine(new CdsCommand(), new ContextFactory(ctx));
    if (command != null && !command.equals("completion")) {
      add(root, command, ctx);
    } else {
      Commands.names().forEach(name -> add(root, name, ctx));
    }
    root.setOut(ctx.out()).setErr(ctx.err());
    root.setDefaultValueProvider(new ProfileDefaults(ctx, ProfileDefaults.selected(args, ctx)));
    applyExitCodeTable(root);
    return root;
  }

  private static void add(CommandLine root, String name, CliContext ctx) {
    root.addSubcommand(name, new CommandLine(Commands.create(name, ctx), new ContextFactory(ctx)));
  }

  /** Every command gets -h/--help and the exit-code table in its help. */
  private static void applyExitCodeTable(CommandLine cli) {
    if (cli.getCommandSpec().optionsMap().get("--help") == null) {
      cli.getCommandSpec().mixinStandardHelpOptions(true);
    }
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    cli.getSubcommands().values().forEach(Main::applyExitCodeTable);
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(String.valueOf(ExitCode.OK), "ok");
    codes.put(String.valueOf(ExitCode.FINDINGS), "findings: diff differs, --fail-on/--expect hit, validation errors");
    codes.put(String.valueOf(ExitCode.USAGE), "usage: unknown command, option, hook or service");
    codes.put(String.valueOf(ExitCode.BAD_INPUT), "bad input file (not JSON, not a key, no example for that version)");
    codes.put(String.valueOf(ExitCode.SERVICE), "service or network failure");
    return codes;
  }

  /** The command, which {@link #globalOptionsAfterCommand} has put first when there is one. */
  static String commandName(String[] args) {
    return args.length > 0 && Commands.has(args[0]) ? args[0] : null;
  }

  /** Lets users write {@code cds -v call …}: global options typed before the command move after it. */
  static String[] globalOptionsAfterCommand(String[] args) {
    List<String> globals = new ArrayList<>();
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if (GLOBAL_FLAGS.contains(a) || a.startsWith("--output=")) {
        globals.add(a);
      } else if (a.equals("--output") && i + 1 < args.length) {
        globals.add(a);
        globals.add(args[++i]);
      } else {
        break;
      }
    }
    if (globals.isEmpty() || i >= args.length || !Commands.has(args[i])) {
      return args;
    }
    List<String> out = new ArrayList<>();
    out.add(args[i]);
    out.addAll(globals);
    out.addAll(Arrays.asList(args).subList(i + 1, args.length));
    return out.toArray(String[]::new);
  }
}
