package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.Json;
import dev.cds.core.SpecVersion;
import dev.cds.hooks.HookCatalog;
import dev.cds.validate.ContextChecks.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks CDS Hooks documents against the specification and the hook catalog. FHIR content checks
 * run only when asked for: for R4 they parse every resource with HAPI, which is loaded on the
 * first such check and never otherwise (it costs about a second).
 */
public final class Validator {
  /**
   * @param fhir check the FHIR resources inside the document
   * @param fhirVersion R4, STU3 or DSTU2; null: told by the resource types found
   * @param hookVersion the request's hook version; null: the one its context fields match best
   * @param spec the CDS Hooks version to check against (null: the default, 2.0)
   * @param crd when the Da Vinci CRD checks run and what they know of the service and request
   */
  public record Options(boolean fhir, String fhirVersion, String hookVersion, SpecVersion spec, CrdScope crd) {
    public Options {
      spec = spec == null ? SpecVersion.DEFAULT : spec;
      crd = crd == null ? CrdScope.AUTO : crd;
    }

    public Options(boolean fhir, String fhirVersion, String hookVersion, SpecVersion spec) {
      this(fhir, fhirVersion, hookVersion, spec, CrdScope.AUTO);
    }

    public Options(boolean fhir, String fhirVersion, String hookVersion) {
      this(fhir, fhirVersion, hookVersion, SpecVersion.DEFAULT);
    }

    public static Options of(boolean fhir) {
      return new Options(fhir, null, null);
    }

    public Options withCrd(CrdScope scope) {
      return new Options(fhir, fhirVersion, hookVersion, spec, scope);
    }

    public Options withSpec(SpecVersion version) {
      return new Options(fhir, fhirVersion, hookVersion, version, crd);
    }
  }

  private final HookCatalog catalog;
  private FhirContent r4;

  public Validator(HookCatalog catalog) {
    this.catalog = catalog;
  }

  /** A request before it is sent; {@code fhir} adds the FHIR content checks. */
  public List<Finding> validateRequest(JsonNode request, boolean fhir) {
    return validate(request, DocumentKind.REQUEST, Options.of(fhir));
  }

  public List<Finding> validate(JsonNode doc, DocumentKind kind, Options options) {
    int depth = Json.depth(doc);
    if (depth > Json.MAX_DEPTH) {
      // every check below recurses per level: a hostile depth must not reach them
      return List.of(Finding.error("document.depth", "", "the document nests " + depth + " levels deep:"
          + " cds checks documents up to " + Json.MAX_DEPTH + " levels (CDS Hooks documents need far fewer)"));
    }
    Findings out = new Findings(options.spec());
    List<Member> resources = new ArrayList<>();
    String fhirVersion = options.fhirVersion() != null ? options.fhirVersion() : fhirVersionOf(doc);
    switch (kind) {
      case REQUEST -> {
        RequestChecks.check(doc, catalog, options.hookVersion(), fhirVersion, out);
        collect("/context", doc.path("context"), resources, options.fhir() ? out : null);
        collect("/prefetch", doc.path("prefetch"), resources, null);
      }
      case RESPONSE -> ResponseChecks.check(doc, out, resources);
      case DISCOVERY -> DiscoveryChecks.check(doc, catalog, out);
      case FEEDBACK -> FeedbackChecks.check(doc, out);
    }
    crd(doc, kind, options.crd(), out);
    if (options.fhir()) {
      FhirStructure structure = new FhirStructure(fhirVersion);
      for (Member r : resources) {
        structure.check(r.pointer(), r.value(), out);
        if (fhirVersion.equals("R4")) {
          r4().check(r.pointer(), r.value(), out);
        }
      }
    }
    // the structural and the HAPI checks may both see one missing element
    return List.copyOf(new LinkedHashSet<>(out.list()));
  }

  /** Da Vinci CRD 2.2.1: discovery entries that advertise it; requests and responses in its scope. */
  private static void crd(JsonNode doc, DocumentKind kind, CrdScope scope, Findings out) {
    boolean active = scope.activeFor(doc, kind);
    switch (kind) {
      case DISCOVERY -> CrdDiscoveryChecks.check(doc, out);
      case REQUEST -> {
        if (active) {
          CrdRequestChecks.check(doc, scope, out);
        }
      }
      case RESPONSE -> {
        if (active) {
          CrdResponseChecks.check(doc, scope, out);
        }
      }
      default -> { }
    }
  }

  /**
   * The FHIR version of the resources in a document: DSTU2 or STU3 when a resource type R4
   * dropped or an element in its older form shows it, R4 otherwise.
   */
  public static String fhirVersionOf(JsonNode doc) {
    return FhirTypes.detectVersion(doc);
  }

  private FhirContent r4() {
    if (r4 == null) {
      r4 = FhirContent.r4();
    }
    return r4;
  }

  /**
   * The resources directly under each member of an object (or in an array member); with
   * {@code duplicates}, reports a resource listed twice in one array.
   */
  private static void collect(String pointer, JsonNode container, List<Member> resources, Findings duplicates) {
    if (!container.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = container.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = Pointer.field(pointer, e.getKey());
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("resourceType")) {
        resources.add(new Member(at, v));
      } else if (v.isObject() && v.path("resource").has("resourceType")) {
        // a resource wrapped like a Bundle entry (reported by the context checks) is still checked
        resources.add(new Member(Pointer.field(at, "resource"), v.get("resource")));
      } else if (v.isArray()) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
          JsonNode r = v.get(i);
          if (r.isObject() && r.has("resourceType")) {
            resources.add(new Member(Pointer.index(at, i), r));
            String key = r.path("resourceType").asText() + "/" + r.path("id").asText();
            if (duplicates != null && r.has("id") && !seen.add(key)) {
              duplicates.warning("fhir.resource.duplicate", Pointer.index(at, i), "a second " + key + " in '"
                  + e.getKey() + "': give each resource its own id");
            }
          }
        }
      }
    }
  }
}
