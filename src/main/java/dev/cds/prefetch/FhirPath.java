package dev.cds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The "simpler FHIRPath" of the CDS Hooks 3.0 ballot, as prefetch tokens use it: paths into the
 * context ({@code context.draftOrders.entry.resource}), {@code ofType(T)}, {@code resolve()},
 * {@code extension('url')}, {@code today()} with {@code + / - N days}, {@code |} unions and {@code %key} for an earlier
 * prefetch result. Anything else (other functions, operators) is refused at parse time, so a
 * template either means what it says or is reported.
 */
final class FhirPath {
  /** What an expression is evaluated against. */
  interface Env {
    JsonNode context();

    /** An earlier prefetch result, or null when that key has no data. */
    JsonNode variable(String key);

    LocalDate today();

    /** The resource {@code type/id} if the context or an earlier prefetch result holds it, else null. */
    JsonNode find(String type, String id);
  }

  /** A parsed expression and the prefetch keys it refers to. */
  record Parsed(Expr expr, Set<String> variables) {
    List<JsonNode> evaluate(Env env) throws TemplateException {
      return expr.eval(env);
    }
  }

  @FunctionalInterface
  interface Expr {
    List<JsonNode> eval(Env env) throws TemplateException;
  }

  // the parsed tree is made of these classes, not lambdas: a CRD service's templates are parsed on
  // every call, and on JDK 17 each lambda links a call site the first time it runs (about 0.2 ms)

  /** {@code a | b}: each value once, in order. */
  private record Union(List<Expr> parts) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      Set<JsonNode> out = new LinkedHashSet<>();
      for (Expr part : parts) {
        out.addAll(part.eval(env));
      }
      return new ArrayList<>(out);
    }
  }

  /** {@code date + N unit}. */
  private record DateShift(Expr base, long amount, String unit, String text) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      List<JsonNode> in = base.eval(env);
      if (in.isEmpty()) {
        return in;
      }
      if (in.size() > 1 || !in.get(0).isTextual()) {
        throw new TemplateException("date arithmetic needs one date, got " + in.size() + " values");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(in.get(0).asText().substring(0, Math.min(10, in.get(0).asText().length())));
      } catch (DateTimeParseException e) {
        throw new TemplateException("'" + in.get(0).asText() + "' is not a date");
      }
      return List.of(NODES.textNode(shift(date, amount, unit, text).toString()));
    }
  }

  /** {@code %key}: an earlier prefetch result. */
  private record Variable(String name) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) {
      JsonNode v = env.variable(name);
      return v == null || v.isNull() ? List.of() : List.of(v);
    }
  }

  /** {@code today()}. */
  private record Today() implements Expr {
    @Override
    public List<JsonNode> eval(Env env) {
      return List.of(NODES.textNode(env.today().toString()));
    }
  }

  /** {@code context}. */
  private record Context() implements Expr {
    @Override
    public List<JsonNode> eval(Env env) {
      return env.context() == null ? List.of() : List.of(env.context());
    }
  }

  /** {@code input.name}. */
  private record Member(Expr input, String name) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      return member(input.eval(env), name);
    }
  }

  /** {@code input.ofType(type)}. */
  private record OfType(Expr input, String type) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      return ofType(input.eval(env), type);
    }
  }

  /** {@code input.resolve()}. */
  private record Resolve(Expr input) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      return resolve(input.eval(env), env);
    }
  }

  /** {@code input.extension('url')}. */
  private record Extension(Expr input, String url) implements Expr {
    @Override
    public List<JsonNode> eval(Env env) throws TemplateException {
      return extension(input.eval(env), url);
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final List<String> tokens;
  private final Set<String> variables = new LinkedHashSet<>();
  private int pos;

  private FhirPath(String text, List<String> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  static Parsed parse(String text) throws TemplateException {
    FhirPath p = new FhirPath(text, lex(text));
    Expr e = p.union();
    if (p.pos < p.tokens.size()) {
      throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return new Parsed(e, Set.copyOf(p.variables));
  }

  // expr := additive ('|' additive)*
  private Expr union() throws TemplateException {
    List<Expr> parts = new ArrayList<>();
    parts.add(additive());
    while (accept("|")) {
      parts.add(additive());
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new Union(List.copyOf(parts));
  }

  // additive := path (('+' | '-') NUMBER unit)?
  private Expr additive() throws TemplateException {
    Expr base = path();
    if (peek("+") || peek("-")) {
      int sign = next().equals("+") ? 1 : -1;
      String number = next();
      if (number == null || !isDigits(number)) {
        throw error("expected a whole number after '" + (sign > 0 ? "+" : "-") + "'");
      }
      String unit = next();
      long amount = sign * Long.parseLong(number);
      if (unit == null) {
        throw error("expected a unit (days) after " + number);
      }
      String u = unit.replace("'", "");
      return new DateShift(base, amount, u, text);
    }
    return base;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static LocalDate shift(LocalDate date, long amount, String unit, String text) throws TemplateException {
    return switch (unit) {
      case "day", "days", "d" -> date.plusDays(amount);
      case "week", "weeks", "wk" -> date.plusWeeks(amount);
      case "month", "months", "mo" -> date.plusMonths(amount);
      case "year", "years", "a" -> date.plusYears(amount);
      default -> throw new TemplateException("unknown date unit '" + unit + "' in '" + text + "': use days");
    };
  }

  // path := term ('.' invocation)*
  private Expr path() throws TemplateException {
    Expr e = term();
    while (accept(".")) {
      e = invocation(e);
    }
    return e;
  }

  private Expr term() throws TemplateException {
    String t = next();
    if (t == null) {
      throw error("unexpected end of expression");
    }
    if (t.equals("(")) {
      Expr inner = union();
      expect(")");
      return inner;
    }
    if (t.equals("%")) {
      String name = identifier();
      variables.add(name);
      return new Variable(name);
    }
    if (!isIdentifier(t)) {
      throw error("unexpected '" + t + "'");
    }
    String name = unquote(t);
    if (accept("(")) {
      if (!name.equals("today")) {
        throw unknownFunction(name);
      }
      expect(")");
      return new Today();
    }
    if (name.equals("context")) {
      return new Context();
    }
    throw error("a path starts with 'context', '%key' or 'today()', not '" + name + "'");
  }

  private Expr invocation(Expr input) throws TemplateException {
    String name = identifier();
    if (!accept("(")) {
      return new Member(input, name);
    }
    switch (name) {
      case "ofType" -> {
        String type = identifier();
        expect(")");
        return new OfType(input, type);
      }
      case "resolve" -> {
        expect(")");
        return new Resolve(input);
      }
      case "extension" -> {
        String url = string();
        expect(")");
        return new Extension(input, url);
      }
      default -> throw unknownFunction(name);
    }
  }

  private static List<JsonNode> member(List<JsonNode> in, String name) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : in) {
      if (!n.isObject()) {
        continue;
      }
      JsonNode v = n.get(name);
      if (v != null) {
        addFlat(out, v);
        continue;
      }
      // FHIR choice elements: 'medication' names medicationReference / medicationCodeableConcept
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (f.length() > name.length() && f.startsWith(name) && Character.isUpperCase(f.charAt(name.length()))) {
          addFlat(out, n.get(f));
        }
      }
    }
    return out;
  }

  private static void addFlat(List<JsonNode> out, JsonNode v) {
    if (v.isArray()) {
      for (JsonNode x : v) {
        if (!x.isNull()) {
          out.add(x);
        }
      }
    } else if (!v.isNull()) {
      out.add(v);
    }
  }

  private static List<JsonNode> ofType(List<JsonNode> in, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : in) {
      boolean keep = switch (type) {
        case "Reference" -> n.isObject() && n.has("reference");
        case "CodeableConcept" -> n.isObject() && (n.has("coding") || n.has("text")) && !n.has("resourceType");
        case "string", "String", "System.String" -> n.isTextual();
        default -> n.isObject() && type.equals(n.path("resourceType").asText());
      };
      if (keep) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A reference resolves to the resource when the context or an earlier prefetch result holds
   * it; otherwise to a stub with its type and id, which is all a prefetch query needs of it.
   */
  private static List<JsonNode> resolve(List<JsonNode> in, Env env) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : in) {
      String ref = n.isTextual() ? n.asText() : n.path("reference").asText(null);
      String[] typeAndId = References.typeAndId(ref);
      if (typeAndId == null) {
        continue;
      }
      JsonNode found = env.find(typeAndId[0], typeAndId[1]);
      if (found != null) {
        out.add(found);
      } else {
        ObjectNode stub = NODES.objectNode();
        stub.put("resourceType", typeAndId[0]);
        stub.put("id", typeAndId[1]);
        out.add(stub);
      }
    }
    return out;
  }

  /** FHIRPath's extension(url): the extensions of each element with that url (CRD's prefetch uses it). */
  private static List<JsonNode> extension(List<JsonNode> in, String url) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : in) {
      for (JsonNode e : n.path("extension")) {
        if (url.equals(e.path("url").asText())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private String string() throws TemplateException {
    String t = next();
    if (t == null || !t.startsWith("'")) {
      throw error(t == null ? "expected a 'string' at the end" : "expected a 'string', found '" + t + "'");
    }
    return t.substring(1, t.length() - 1);
  }

  private TemplateException unknownFunction(String name) {
    return error("unknown function " + name + "() (supported: ofType(T), resolve(), extension('url'), today())");
  }

  private String identifier() throws TemplateException {
    String t = next();
    if (t == null || !isIdentifier(t)) {
      throw error(t == null ? "expected a name at the end" : "expected a name, found '" + t + "'");
    }
    return unquote(t);
  }

  private static boolean isIdentifier(String t) {
    return t.startsWith("`") || Character.isLetter(t.charAt(0)) || t.charAt(0) == '_';
  }

  private static String unquote(String t) {
    return t.startsWith("`") ? t.substring(1, t.length() - 1) : t;
  }

  private boolean peek(String t) {
    return pos < tokens.size() && tokens.get(pos).equals(t);
  }

  private boolean accept(String t) {
    if (peek(t)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String t) throws TemplateException {
    if (!accept(t)) {
      throw error("expected '" + t + "'" + (pos < tokens.size() ? ", found '" + tokens.get(pos) + "'" : " at the end"));
    }
  }

  private String next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  private TemplateException error(String what) {
    return new TemplateException(what + " in '" + text + "'");
  }

  private static List<String> lex(String text) throws TemplateException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else if (c == '`' || c == '\'') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw new TemplateException("unclosed " + c + " in '" + text + "'");
        }
        // both kinds keep their quotes: `name` is an identifier, 'text' a string literal
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else if ("%.()|+-".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else {
        throw new TemplateException("unexpected '" + c + "' in '" + text + "'");
      }
    }
    return out;
  }
}
