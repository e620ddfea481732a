package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.ContextField;
import dev.cds.hooks.HookDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One prefetch template split into literal text and {@code {{tokens}}}, each token already
 * classified under the chosen {@link TokenRules}. {@link #resolve} substitutes the tokens into a
 * relative FHIR URL, or says why the template is skipped.
 */
public final class PrefetchTemplate {
  /** The 2.0 user tokens and the resource type each takes from {@code context.userId}. */
  static final Map<String, String> USER_TOKENS = Map.of(
      "userPractitionerId", "Practitioner",
      "userPractitionerRoleId", "PractitionerRole",
      "userPatientId", "Patient",
      "userRelatedPersonId", "RelatedPerson");

  private static final Pattern CONTEXT_FIELD = Pattern.compile("context\\.([A-Za-z_][A-Za-z0-9_-]*)");
  private static final Pattern CRD_TOKEN =
      Pattern.compile("context\\.([A-Za-z_][A-Za-z0-9_-]*)\\.([A-Z][A-Za-z]+)\\.id");

  /** The outcome of substitution: a relative URL, or the reason the key is skipped. */
  public record Resolution(String url, String skipped) {
    static Resolution skip(String why) {
      return new Resolution(null, why);
    }

    public boolean isSkipped() {
      return url == null;
    }
  }

  private sealed interface Part permits Literal, Token {}

  private record Literal(String text) implements Part {}

  private record Token(String source, boolean inQuery, Evaluation evaluation) implements Part {}

  @FunctionalInterface
  private interface Evaluation {
    /** The token's values; empty means "nothing to substitute", which skips the template. */
    Values evaluate(FhirPath.Env env) throws TemplateException;
  }

  private record Values(List<String> values, String whyEmpty) {}

  // the kinds of token as classes, not lambdas: every call resolves its templates, and on JDK 17 each
  // lambda links a call site the first time it runs (about 0.2 ms)

  /** {@code {{userPractitionerId}}} and its kin: the id of a user of that type. */
  private record UserToken(String token, String type) implements Evaluation {
    @Override
    public Values evaluate(FhirPath.Env env) {
      return userToken(env, token, type);
    }
  }

  /** {@code {{context.name}}}: a primitive context field (a CDS Hooks 2.0 token). */
  private record ContextToken(String name, HookDefinition hook) implements Evaluation {
    @Override
    public Values evaluate(FhirPath.Env env) throws TemplateException {
      return contextField(env, name, hook);
    }
  }

  /** A CRD 2.0 token: the ids of the TYPE resources in a context field. */
  private record CrdToken(String key, String type) implements Evaluation {
    @Override
    public Values evaluate(FhirPath.Env env) {
      return crdIds(env, key, type);
    }
  }

  /** A FHIRPath expression whose results are values. */
  private record PathToken(String source, FhirPath.Parsed parsed, String hint) implements Evaluation {
    @Override
    public Values evaluate(FhirPath.Env env) throws TemplateException {
      List<String> values = new ArrayList<>();
      for (JsonNode n : parsed.evaluate(env)) {
        if (n.isValueNode()) {
          values.add(n.asText());
        } else {
          throw new TemplateException("'{{" + source + "}}' gives FHIR objects, not values: end the path with .id or another value");
        }
      }
      return new Values(values, "{{" + source + "}} gives no value" + hint);
    }
  }

  private final String text;
  private final List<Part> parts;
  private final Set<String> references;

  private PrefetchTemplate(String text, List<Part> parts, Set<String> references) {
    this.text = text;
    this.parts = parts;
    this.references = references;
  }

  public String text() {
    return text;
  }

  /** The prefetch keys this template reads through {@code %key}. */
  public Set<String> references() {
    return references;
  }

  /**
   * Parses a template. {@code hook} (null when the hook is not in the catalog) says which context
   * fields are 2.0 prefetch tokens.
   */
  public static PrefetchTemplate parse(String text, TokenRules rules, HookDefinition hook) throws TemplateException {
    List<Part> parts = new ArrayList<>();
    Set<String> references = new LinkedHashSet<>();
    int i = 0;
    boolean inQuery = false;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      int close = text.indexOf("}}", i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new TemplateException("'}}' without '{{' at character " + (close + 1) + " of '" + text + "'");
      }
      if (open < 0) {
        parts.add(new Literal(text.substring(i)));
        break;
      }
      String literal = text.substring(i, open);
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal));
        inQuery |= literal.indexOf('?') >= 0;
      }
      if (close < 0) {
        throw new TemplateException("'{{' without '}}' at character " + (open + 1) + " of '" + text + "'");
      }
      String source = text.substring(open + 2, close).trim();
      if (source.contains("{{") || source.contains("{") || source.contains("}")) {
        throw new TemplateException("unbalanced braces in '{{" + source + "}}'");
      }
      if (source.isEmpty()) {
        throw new TemplateException("empty token '{{}}' in '" + text + "'");
      }
      parts.add(new Token(source, inQuery, classify(source, rules, hook, references)));
      i = close + 2;
    }
    for (Part p : parts) {
      if (p instanceof Literal l && (l.text().indexOf('{') >= 0 || l.text().indexOf('}') >= 0)) {
        throw new TemplateException("unbalanced braces in '" + text + "'");
      }
    }
    return new PrefetchTemplate(text, List.copyOf(parts), Set.copyOf(references));
  }

  /** Substitutes every token; values in the query string are percent-encoded, path values are not. */
  public Resolution resolve(FhirPath.Env env) throws TemplateException {
    StringBuilder url = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        url.append(UrlText.legalize(l.text()));
        continue;
      }
      Token t = (Token) p;
      Values v = t.evaluation().evaluate(env);
      if (v.values().isEmpty()) {
        return Resolution.skip(v.whyEmpty());
      }
      List<String> encoded = new ArrayList<>();
      for (String value : v.values()) {
        encoded.add(t.inQuery() ? UrlText.encodeQueryValue(value) : UrlText.encodePathValue(value));
      }
      // the comma between values is FHIR's "or", so it stays literal
      url.append(String.join(",", encoded));
    }
    return new Resolution(url.toString(), null);
  }

  private static Evaluation classify(String source, TokenRules rules, HookDefinition hook, Set<String> references)
      throws TemplateException {
    String userType = USER_TOKENS.get(source);
    if (userType != null) {
      return new UserToken(source, userType);
    }
    Matcher field = CONTEXT_FIELD.matcher(source);
    if (field.matches()) {
      String name = field.group(1);
      ContextField f = hook == null ? null : hook.field(name).orElse(null);
      boolean v2Token = f == null || (f.prefetchToken() && f.textValued());
      // a field the hook does not define may hold anything: with FHIRPath on, read it as a path
      if ((v2Token && (f != null || !rules.fhirPath())) || !rules.fhirPath()) {
        if (!v2Token) {
          throw new TemplateException(notA2Token(f, hook));
        }
        return new ContextToken(name, hook);
      }
    }
    Matcher crd = CRD_TOKEN.matcher(source);
    if (crd.matches() && rules.crd()) {
      String key = crd.group(1);
      String type = crd.group(2);
      return new CrdToken(key, type);
    }
    if (!rules.fhirPath()) {
      throw new TemplateException("'{{" + source + "}}' is not a " + (rules == TokenRules.V2 ? "CDS Hooks 2.0" : "CRD 2.0")
          + " prefetch token" + (crd.matches() ? " (a CRD token: set prefetch-tokens to crd)"
              : " (paths and functions need prefetch-tokens fhirpath)"));
    }
    FhirPath.Parsed parsed = FhirPath.parse(source);
    references.addAll(parsed.variables());
    String hint = crd.matches() ? " (this is a CRD 2.0 token: set prefetch-tokens to crd or all)" : "";
    return new PathToken(source, parsed, hint);
  }

  private static String notA2Token(ContextField f, HookDefinition hook) {
    String where = "context." + f.name() + " of " + hook.hook() + " " + hook.version();
    if (!f.prefetchToken()) {
      return where + " is not a prefetch token (the hook's table says no; set prefetch-tokens to fhirpath for paths)";
    }
    return where + " is " + (f.type().equals("array") ? "an array" : "an object")
        + ": 2.0 tokens are primitive fields only (set prefetch-tokens to fhirpath)";
  }

  private static Values userToken(FhirPath.Env env, String token, String type) {
    JsonNode userId = env.context() == null ? null : env.context().get("userId");
    if (userId == null || !userId.isTextual()) {
      return new Values(List.of(), "{{" + token + "}} needs context.userId, which is absent");
    }
    String[] typeAndId = References.typeAndId(userId.asText());
    if (typeAndId == null || !typeAndId[0].equals(type)) {
      return new Values(List.of(), "{{" + token + "}} needs a " + type + " user; context.userId is " + userId.asText());
    }
    return new Values(List.of(typeAndId[1]), null);
  }

  private static Values contextField(FhirPath.Env env, String name, HookDefinition hook) throws TemplateException {
    JsonNode v = env.context() == null ? null : env.context().get(name);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      boolean defined = hook == null || hook.field(name).isPresent();
      return new Values(List.of(), "context." + name + " is absent"
          + (defined ? "" : " (" + hook.hook() + " " + hook.version() + " does not define it)"));
    }
    if (!v.isValueNode()) {
      throw new TemplateException("context." + name + " is " + (v.isArray() ? "an array" : "an object")
          + ", not a value a 2.0 token can take");
    }
    return new Values(List.of(v.asText()), null);
  }

  /** CRD 2.0: the ids of every TYPE resource in a context Bundle, array or {@code Type/id} list. */
  private static Values crdIds(FhirPath.Env env, String key, String type) {
    JsonNode v = env.context() == null ? null : env.context().get(key);
    if (v == null || v.isNull()) {
      return new Values(List.of(), "context." + key + " is absent");
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.isObject() && "Bundle".equals(v.path("resourceType").asText())) {
      for (JsonNode e : v.path("entry")) {
        items.add(e.path("resource"));
      }
    } else if (v.isArray()) {
      for (JsonNode item : v) {
        items.add(item);
      }
    } else {
      items.add(v);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode item : items) {
      if (item.isObject() && type.equals(item.path("resourceType").asText()) && item.hasNonNull("id")) {
        ids.add(item.get("id").asText());
      } else if (item.isTextual()) {
        String[] typeAndId = References.typeAndId(item.asText());
        if (typeAndId != null && typeAndId[0].equals(type)) {
          ids.add(typeAndId[1]);
        }
      }
    }
    return new Values(List.copyOf(ids), "no " + type + " in context." + key);
  }
}
