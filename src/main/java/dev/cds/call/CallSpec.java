package dev.cds.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.cards.Expectation;
import dev.cds.client.RequestBuilder;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.Overrides;
import dev.cds.prefetch.PrefetchRun;
import java.util.List;

/**
 * Everything one {@code cds call} asks for, already read: files and stdin are read once before the
 * engine runs, whatever the number of services, and the prefetch sources are opened once.
 *
 * @param target a hook name (every service of it) or one service id
 * @param only with a hook, only these service ids (empty: all)
 * @param context the user's context object (or a whole request given as context), or null
 * @param request a request to send as is, or null
 * @param keepInstance keep the request's hookInstance instead of a fresh one
 * @param fhirVersion FHIR version of the skeleton's resources (R4, STU3, DSTU2)
 * @param hookVersion the hook version asked for, or null (advertised, then the context's)
 * @param overrides field overrides applied last
 * @param fhir fhirServer and fhirAuthorization to send
 * @param extensions members merged into the request's {@code extension} (e.g. Da Vinci CRD
 *     configuration), per service id or for all under {@code "*"}; may be empty
 * @param prefetch this run's prefetch, opened once
 * @param checks what is validated and what stops the call
 * @param expectation CI expectations (saved answer, --fail-on level); inactive when nothing asked
 * @param dryRun build and report the requests without sending them
 */
public record CallSpec(
    String target,
    List<String> only,
    JsonNode context,
    JsonNode request,
    boolean keepInstance,
    String fhirVersion,
    String hookVersion,
    Overrides overrides,
    RequestBuilder.FhirAccess fhir,
    Extensions extensions,
    PrefetchRun prefetch,
    Checks checks,
    Expectation expectation,
    boolean dryRun) {

  public CallSpec {
    only = only == null ? List.of() : List.copyOf(only);
    extensions = extensions == null ? Extensions.NONE : extensions;
  }

  /**
   * What the engine checks.
   *
   * @param blockInvalidRequests a request with errors is not sent
   * @param fhir also parse FHIR resources with HAPI (slow: loads HAPI)
   * @param strict response findings fail the run
   * @param spec the CDS Hooks version whose rules apply
   * @param crd run the Da Vinci CRD rules even for services that do not advertise CRD
   */
  public record Checks(boolean blockInvalidRequests, boolean fhir, boolean strict, SpecVersion spec, boolean crd) {
    public static final Checks DEFAULT = new Checks(true, false, false, SpecVersion.DEFAULT, false);

    public Checks {
      spec = spec == null ? SpecVersion.DEFAULT : spec;
    }

    public Checks(boolean blockInvalidRequests, boolean fhir, boolean strict, SpecVersion spec) {
      this(blockInvalidRequests, fhir, strict, spec, false);
    }

    public Checks(boolean blockInvalidRequests, boolean fhir, boolean strict) {
      this(blockInvalidRequests, fhir, strict, SpecVersion.DEFAULT, false);
    }

    /** The same checks, with the Da Vinci CRD rules forced on every service (not only those advertising CRD). */
    public Checks withCrd(boolean forced) {
      return new Checks(blockInvalidRequests, fhir, strict, spec, forced);
    }
  }

  /** Request {@code extension} members to add for a service (e.g. CRD configuration). */
  @FunctionalInterface
  public interface Extensions {
    Extensions NONE = service -> null;

    /** The members to merge into {@code extension} for this discovery entry, or null for none. */
    com.fasterxml.jackson.databind.node.ObjectNode forService(dev.cds.model.Service service);
  }
}
