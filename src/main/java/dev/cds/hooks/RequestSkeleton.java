package dev.cds.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.Json;
import dev.cds.core.RandomIds;
import java.util.Iterator;
import java.util.Optional;

/** Builds a complete hook request from the catalog: the body {@code cds init} prints and {@code cds call} sends. */
public final class RequestSkeleton {
  /** What the user asked for; {@code fhirServer} null means no fhirServer/fhirAuthorization. */
  public record Options(String fhirVersion, boolean full, String fhirServer) {}

  private final HookCatalog catalog;

  public RequestSkeleton(HookCatalog catalog) {
    this.catalog = catalog;
  }

  public ObjectNode build(HookDefinition def, Options options, Overrides overrides) {
    ObjectNode request = Json.object();
    request.put("hook", def.hook());
    request.put("hookInstance", RandomIds.uuid().toString());
    if (options.fhirServer() != null) {
      request.put("fhirServer", options.fhirServer());
      ObjectNode auth = request.putObject("fhirAuthorization");
      auth.put("access_token", "REPLACE-WITH-ACCESS-TOKEN");
      auth.put("token_type", "Bearer");
      auth.put("expires_in", 300);
      auth.put("scope", "user/Patient.read user/Observation.read");
      auth.put("subject", "cds-service-client-id");
    }
    request.set("context", context(def, options));
    overrides.apply(request, def);
    return request;
  }

  /** The template for the FHIR version, without optional fields unless {@code full}. */
  public ObjectNode context(HookDefinition def, Options options) {
    ObjectNode context = catalog.template(def, options.fhirVersion());
    if (!options.full()) {
      for (Iterator<String> names = context.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        Optional<ContextField> field = def.field(name);
        if (field.isPresent() && !field.get().required()) {
          names.remove();
        }
      }
    }
    return context;
  }
}
