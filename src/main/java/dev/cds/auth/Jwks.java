package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.cds.http.HttpCall;
import dev.cds.http.HttpResult;
import dev.cds.http.NetworkErrors;
import dev.cds.http.Transport;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;

/** JWK Sets: the public one cds publishes for a key, and the ones it verifies against. */
public final class Jwks {
  private Jwks() {}

  /** {@code {"keys":[…]}} with the public members of {@code key} only, ready for a jku URL. */
  public static ObjectNode publicSet(SigningKey key, String kid) {
    ObjectNode set = Json.object();
    ArrayNode keys = set.putArray("keys");
    keys.add(Json.tree(key.publicJwk(key.kid(kid)).toPublicJWK().toJSONObject()));
    return set;
  }

  static boolean isUrl(String location) {
    return location.startsWith("https://") || location.startsWith("http://");
  }

  /** The public keys of a JWK Set from a file or an http(s) URL. */
  public static JWKSet load(String location, Transport transport, Duration timeout) {
    return read(location, transport, timeout).toPublicJWKSet();
  }

  /** A JWK Set from a file or an http(s) URL as written, private members included. */
  public static JWKSet read(String location, Transport transport, Duration timeout) {
    String text;
    if (isUrl(location)) {
      HttpResult result;
      try {
        result = transport.send(HttpCall.get(URI.create(location), timeout));
      } catch (IOException e) {
        throw NetworkErrors.describe(e, location, timeout);
      }
      if (!result.ok()) {
        throw CdsException.service("JWK Set {0} answered HTTP {1}: check the {2} URL", null, location, result.status(),
            Setting.JWKS);
      }
      text = result.bodyText();
    } else if (location.equals("-")) {
      throw CdsException.usage("a JWK Set comes from a file or an http(s) URL, not stdin");
    } else {
      text = new String(Json.readBytes(location, null), StandardCharsets.UTF_8);
    }
    JsonNode doc = Json.parse(text, location);
    if (!doc.isObject() || !doc.path("keys").isArray()) {
      throw CdsException.badInput(location + " is not a JWK Set: expected {\"keys\": [...]}, found "
          + (doc.isObject() ? "no \"keys\" array" : doc.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
          + "; 'cds keys jwks KEYFILE' prints one");
    }
    try {
      JWKSet set = JWKSet.parse(text);
      if (set.getKeys().isEmpty()) {
        throw CdsException.badInput(location + " is a JWK Set without keys: add the public key"
            + " ('cds keys jwks KEYFILE' prints it)");
      }
      return set;
    } catch (CdsException e) {
      throw e;
    } catch (ParseException | IllegalArgumentException e) {
      throw CdsException.badInput(location + " is not a JWK Set ({\"keys\":[…]}): " + e.getMessage()
          + "; 'cds keys jwks KEYFILE' prints one", e);
    } catch (RuntimeException e) {
      // e.g. a null where a key belongs: nimbus fails without a message worth showing
      throw CdsException.badInput(location + " is not a JWK Set ({\"keys\":[…]}): a key is not a JSON object"
          + "; 'cds keys jwks KEYFILE' prints one", e);
    }
  }
}
