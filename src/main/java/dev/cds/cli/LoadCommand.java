package dev.cds.cli;

import dev.cds.load.LogMerge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Load runs spread over several processes or machines.",
    subcommands = {LoadCommand.Merge.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  cds call order-dispatch --repeat 100000 --rate 400/s --segment 0/4 \\",
      "      --start-at 2026-03-01T09:00:00Z --histogram-log 0.hlog   # illustrative: 1 of 4",
      "  cds load merge 0.hlog 1.hlog 2.hlog 3.hlog --fail-on-p90 5s"
    })
final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  LoadCommand(CliContext ctx) {
    // the subcommand does the work; the context reaches it through ContextFactory
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: merge");
  }

  @Command(
      name = "merge",
      mixinStandardHelpOptions = true,
      description = {
        "Add up the histogram logs of a run's segments (cds call --segment I/N",
        "--histogram-log FILE) and print the report one process would have printed:",
        "requests, errors by kind, req/s from the earliest start to the latest end,",
        "and latency percentiles per service, exact (histograms add; percentiles",
        "do not average). Exit 1 over a --fail-on gate, 4 when any request failed."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  cds load merge results/*.hlog",
        "  cds load merge results/*.hlog --fail-on-p90 5s --output json | jq .latencyMs"
      })
  static final class Merge implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Histogram logs, one per segment.")
    List<Path> files;

    @Option(names = "--fail-on-p95", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Exit 1 when a service's merged p95 latency is over this.")
    Duration failOnP95;

    @Option(names = "--fail-on-p90", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Exit 1 when a service's merged p90 latency is over this (CRD's gate).")
    Duration failOnP90;

    private final CliContext ctx;

    Merge(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      LoadOptions.Gates gates = new LoadOptions.Gates(failOnP90, failOnP95);
      LogMerge.Merged merged = LogMerge.merge(files);
      if (!merged.missing().isEmpty()) {
        ctx.err().println("cds: warning: no log of segment " + merged.missing().stream()
            .map(i -> i + "/" + merged.segmentCount()).collect(Collectors.joining(", "))
            + ": the totals cover part of the run");
      }
      return LoadOptions.report(ctx, global, merged.services(), gates, false);
    }
  }
}
