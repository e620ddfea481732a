package dev.cds.cli;

import java.util.List;

/**
 * The subcommands, in help order. Only the invoked one is loaded and constructed on the fast path:
 * building picocli's model of every command costs about a tenth of a second (DESIGN.md,
 * performance), so a plain switch rather than a table of constructor references, which would
 * load every command class on every run.
 */
final class Commands {
  private static final List<String> NAMES = List.of("hooks", "init", "discover", "call", "render", "diff",
      "validate", "feedback", "serve", "prefetch", "keys", "jwt", "load", "capabilities", "completion");

  private Commands() {}

  static boolean has(String name) {
    return NAMES.contains(name);
  }

  static Object create(String name, CliContext ctx) {
    return switch (name) {
      case "hooks" -> new HooksCommand(ctx);
      case "init" -> new InitCommand(ctx);
      case "discover" -> new DiscoverCommand(ctx);
      case "call" -> new CallCommand(ctx);
      case "render" -> new RenderCommand(ctx);
      case "diff" -> new DiffCommand(ctx);
      case "validate" -> new ValidateCommand(ctx);
      case "feedback" -> new FeedbackCommand(ctx);
      case "serve" -> new ServeCommand(ctx);
      case "prefetch" -> new PrefetchCommand(ctx);
      case "keys" -> new KeysCommand(ctx);
      case "jwt" -> new JwtCommand(ctx);
      case "load" -> new LoadCommand(ctx);
      case "capabilities" -> new CapabilitiesCommand(ctx);
      case "completion" -> new CompletionCommand(ctx);
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  static Iterable<String> names() {
    return NAMES;
  }
}
