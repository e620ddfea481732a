package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.call.CallSpec;
import dev.cds.core.CdsException;
import dev.cds.core.ExitCode;
import dev.cds.crd.CrdConfiguration;
import dev.cds.crd.CrdService;
import dev.cds.model.Service;
import dev.cds.validate.CrdScope;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Da Vinci CRD options of a hook call: the configuration and version sent in the request's
 * {@code extension}, and whether the CRD request and response checks run. A profile may hold
 * defaults ({@code crd-config = cost=false,claim=false}); a default the service does not offer is
 * left out with a note, while one typed on the command line is refused.
 */
public final class CrdOptions {
  @Option(names = "--crd-config", paramLabel = "CODE=VALUE", split = ",",
      description = "Da Vinci CRD configuration, sent in extension[\"davinci-crd.configuration\"] and typed"
          + " by the service's option (true/false or a whole number); repeatable or comma-separated. An"
          + " option the service does not offer, or a wrong type, is refused (--no-validate sends it anyway).")
  List<String> config;

  @Option(names = "--crd-version", paramLabel = "V",
      description = "CRD version to ask for (extension[\"davinci-crd.requestedVersion\"]; default: the highest"
          + " cds supports of those the service lists).")
  String version;

  @Option(names = "--crd",
      description = "Run the Da Vinci CRD request and response checks even when the service advertises no CRD"
          + " extensions (context models are checked field by field; resource profiles are out of scope).")
  boolean force;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * The CRD extension for a call to {@code service} (its discovery entry): configuration and
   * version. {@code lenient} ({@code --no-validate}) sends what the service does not offer.
   */
  public CrdConfiguration.Result configure(JsonNode service, boolean lenient) {
    CrdConfiguration.Policy policy = lenient ? CrdConfiguration.Policy.SEND
        : fromCommandLine() ? CrdConfiguration.Policy.REFUSE : CrdConfiguration.Policy.SKIP;
    try {
      return CrdConfiguration.build(service, config, version, policy);
    } catch (CdsException e) {
      if (e.exitCode() != ExitCode.USAGE) {
        throw e;
      }
      throw CdsException.usage(e.message(SettingNames::flag) + " (--no-validate sends it anyway)");
    }
  }

  /** {@link #configure} merged into {@code body}'s extension; the decisions on stderr with {@code -v}. */
  public void applyTo(CliContext ctx, boolean verbose, JsonNode service, ObjectNode body, boolean lenient) {
    CrdConfiguration.Result r = configure(service, lenient);
    r.applyTo(body);
    if (verbose) {
      String id = service == null ? "" : service.path("id").asText("") + ": ";
      r.notes().forEach(n -> ctx.err().println("cds: " + id + n));
    }
  }

  /**
   * For {@link CallSpec#extensions()}: each service's CRD extension (configuration, version),
   * the decisions on stderr with {@code -v}. A usage failure (an option the service does not
   * offer) surfaces when the call is prepared.
   */
  public CallSpec.Extensions extensions(CliContext ctx, boolean verbose, boolean lenient) {
    return new ServiceExtensions(ctx, verbose, lenient);
  }

  /** A class, not a lambda: every call runs it, and on JDK 17 a lambda costs about 0.2 ms the first time. */
  private final class ServiceExtensions implements CallSpec.Extensions {
    private final CliContext ctx;
    private final boolean verbose;
    private final boolean lenient;

    ServiceExtensions(CliContext ctx, boolean verbose, boolean lenient) {
      this.ctx = ctx;
      this.verbose = verbose;
      this.lenient = lenient;
    }

    @Override
    public ObjectNode forService(Service service) {
      CrdConfiguration.Result r = configure(service.node(), lenient);
      if (verbose) {
        for (String n : r.notes()) {
          ctx.err().println("cds: " + service.id() + ": " + n);
        }
      }
      return r.extension();
    }
  }

  /** True when the CRD checks run for calls to {@code service}. */
  public boolean active(JsonNode service) {
    return force || CrdService.advertised(service);
  }

  /** What the CRD request checks know of a call to {@code service}. */
  public CrdScope requestScope(JsonNode service) {
    return CrdScope.forRequest(service, force);
  }

  /** What the CRD response checks know of the answer to {@code request} from {@code service}. */
  public CrdScope responseScope(JsonNode request, JsonNode service) {
    return CrdScope.forResponse(request, service, force);
  }

  private boolean fromCommandLine() {
    if (command == null || command.commandLine() == null || command.commandLine().getParseResult() == null) {
      return true;
    }
    return command.commandLine().getParseResult().hasMatchedOption("--crd-config");
  }
}
