package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.ExitCode;
import dev.cds.core.Json;
import dev.cds.core.Table;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    description = "Show the effective settings and where each came from, or where the config file is.",
    subcommands = {ConfigCommand.View.class, ConfigCommand.PathOf.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds config view",
      "  cds config view --profile staging --output json",
      "  cds config path"
    })
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: cds config view or cds config path");
  }

  @Command(name = "view",
      description = "The settings a command would start from: environment, then the selected profile"
          + " (a flag on the command line beats both). Secrets are redacted.",
      footerHeading = "%nExamples:%n",
      footer = {"  cds config view", "  CDS_BASE_URL=https://cds.example.org cds config view --output json"})
  static final class View implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Spec CommandSpec spec;

    private final CliContext ctx;

    View(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      // the provider Main set up from this command line (--profile, CDS_PROFILE)
      ProfileDefaults defaults = (ProfileDefaults) spec.root().defaultValueProvider();
      Map<String, String[]> settings = new TreeMap<>();
      defaults.profile().forEach((k, v) -> settings.put(k, new String[] {v, "profile"}));
      for (String key : new String[] {"base", "fhir-server"}) {
        String var = ProfileDefaults.environmentVariable(key);
        if (ctx.env(var) != null) {
          settings.put(key, new String[] {ctx.env(var), "environment (" + var + ")"});
        }
      }
      String profile = defaults.profileName();
      if (global.json(ctx)) {
        ObjectNode n = Json.object().put("file", ProfileDefaults.configFile(ctx).toString());
        n.put("profile", profile == null ? "default" : profile);
        ArrayNode list = n.putArray("settings");
        settings.forEach((k, v) -> list.addObject().put("key", k).put("value", redact(k, v[0])).put("source", v[1]));
        ctx.out().println(Json.pretty(n));
        return ExitCode.OK;
      }
      ctx.out().println("config file: " + ProfileDefaults.configFile(ctx)
          + (java.nio.file.Files.isRegularFile(ProfileDefaults.configFile(ctx)) ? "" : " (none)"));
      ctx.out().println("profile:     " + (profile == null ? "default" : profile));
      if (settings.isEmpty()) {
        ctx.out().println("no settings: every option has its built-in default");
        return ExitCode.OK;
      }
      Table table = new Table("KEY", "VALUE", "FROM").shrink(1, 2);
      settings.forEach((k, v) -> table.row(k, redact(k, v[0]), v[1]));
      ctx.out().print(table.render(ctx.tableWidth(), ctx.glyphs()));
      return ExitCode.OK;
    }

    /** Tokens, passwords and secrets never reach the output; paths to key files do. */
    private static String redact(String key, String value) {
      String k = key.toLowerCase(Locale.ROOT);
      return k.contains("token") || k.contains("password") || k.contains("secret") ? "(redacted)" : value;
    }
  }

  @Command(name = "path", description = "Print the config file's path ($CDS_CONFIG, else"
      + " $XDG_CONFIG_HOME/cds/config, else $HOME/.config/cds/config).",
      footerHeading = "%nExamples:%n", footer = {"  cds config path"})
  static final class PathOf implements Callable<Integer> {
    private final CliContext ctx;

    PathOf(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      ctx.out().println(ProfileDefaults.configFile(ctx));
      return ExitCode.OK;
    }
  }
}
