package dev.cds.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The subcommands, in help order. Only the invoked one is constructed on the fast path: building
 * picocli's model of every command costs about a tenth of a second (DESIGN.md, performance).
 */
final class Commands {
  private static final Map<String, Function<CliContext, Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("hooks", HooksCommand::new);
    ALL.put("init", InitCommand::new);
    ALL.put("discover", DiscoverCommand::new);
    ALL.put("call", CallCommand::new);
    ALL.put("serve", ServeCommand::new);
    ALL.put("prefetch", PrefetchCommand::new);
    ALL.put("validate", ValidateCommand::new);
    ALL.put("completion", CompletionCommand::new);
  }

  private Commands() {}

  static boolean has(String name) {
    return ALL.containsKey(name);
  }

  static Object create(String name, CliContext ctx) {
    return ALL.get(name).apply(ctx);
  }

  static Iterable<String> names() {
    return ALL.keySet();
  }
}
