package dev.cds.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.CdsException;
import dev.cds.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Key rotation for a key folder ({@code private-key.pem} and its published {@code jwks.json}):
 * a new key signs from now on, and the JWK Set holds the new public key and the previous ones, so
 * services that cached the set, or that verify a token signed a moment ago, keep working while the
 * new set is published at the jku URL. The replaced private key is kept beside it, mode 0600.
 */
public final class KeyRotation {
  public static final String PRIVATE = "private-key.pem";
  public static final String PUBLIC = "jwks.json";

  /**
   * What a rotation did.
   *
   * @param retired where the replaced private key now lives
   * @param kids the kids of the published set, newest first
   */
  public record Result(Path privateKey, Path retired, Path jwks, String kid, String previousKid, String algorithm,
      List<String> kids) {}

  private KeyRotation() {}

  /**
   * Rotates the key in {@code dir}.
   *
   * @param algorithm ES384 or RS384 for the new key; null keeps the current key's
   * @param kid the new key's kid; null for its RFC 7638 thumbprint
   * @param keep how many public keys the new set holds, the new one included (at least 2)
   */
  public static Result rotate(Path dir, String algorithm, String kid, int keep) {
    if (keep < 2) {
      throw CdsException.usage("a rotated JWK Set keeps the new key and at least the previous one: keep 2 or more");
    }
    Path privateFile = dir.resolve(PRIVATE);
    Path publicFile = dir.resolve(PUBLIC);
    if (!Files.isRegularFile(privateFile)) {
      throw CdsException.badInput("no " + privateFile + " to rotate: make the first key with cds keys generate");
    }
    SigningKey old = KeyFiles.load(privateFile);
    List<JsonNode> published = published(publicFile, old);
    String previousKid = kidOf(old, published);
    SigningKey fresh = SigningKey.generate(algorithm == null ? old.algorithm() : algorithm);
    String newKid = fresh.kid(kid);
    if (published.stream().anyMatch(k -> newKid.equals(k.path("kid").asText()))) {
      throw CdsException.usage("kid '" + newKid + "' is already in " + publicFile + ": choose another kid");
    }
    ObjectNode set = Jwks.publicSet(fresh, kid);
    ArrayNode keys = (ArrayNode) set.get("keys");
    for (JsonNode k : published) {
      if (keys.size() < keep) {
        keys.add(k);
      }
    }
    // the old private key is kept before anything is replaced, so no step loses it
    Path retired = dir.resolve("private-key." + safe(previousKid) + ".pem");
    AtomicFiles.write(retired, KeyFiles.pkcs8Pem(old).getBytes(StandardCharsets.US_ASCII), KeyFiles.OWNER_ONLY);
    AtomicFiles.write(publicFile, Json.pretty(set) + "\n");
    KeyFiles.writePrivate(fresh, privateFile, true);
    List<String> kids = new ArrayList<>();
    keys.forEach(k -> kids.add(k.path("kid").asText()));
    return new Result(privateFile, retired, publicFile, newKid, previousKid, fresh.algorithm(), List.copyOf(kids));
  }

  /** The keys of the published set, or the current key's public JWK when there is no set yet. */
  private static List<JsonNode> published(Path publicFile, SigningKey current) {
    List<JsonNode> out = new ArrayList<>();
    if (Files.isRegularFile(publicFile)) {
      JsonNode set = Json.read(publicFile.toString(), null);
      if (!set.path("keys").isArray()) {
        throw CdsException.badInput(publicFile + " is not a JWK Set ({\"keys\": […]}): fix or remove it");
      }
      set.path("keys").forEach(out::add);
    }
    if (out.isEmpty()) {
      out.add(Jwks.publicSet(current, null).path("keys").get(0));
    }
    return out;
  }

  /** The kid the published set gives the current key (matched by RFC 7638 thumbprint), else its thumbprint. */
  private static String kidOf(SigningKey key, List<JsonNode> published) {
    String thumbprint = key.thumbprint();
    for (JsonNode k : published) {
      if (thumbprint.equals(thumbprint(k))) {
        return k.path("kid").asText(thumbprint);
      }
    }
    return thumbprint;
  }

  /** The RFC 7638 thumbprint of a public JWK, computed the way {@link SigningKey#thumbprint()} is. */
  private static String thumbprint(JsonNode jwk) {
    String members = switch (jwk.path("kty").asText()) {
      case "EC" -> "{\"crv\":\"" + jwk.path("crv").asText() + "\",\"kty\":\"EC\",\"x\":\"" + jwk.path("x").asText()
          + "\",\"y\":\"" + jwk.path("y").asText() + "\"}";
      case "RSA" -> "{\"e\":\"" + jwk.path("e").asText() + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.path("n").asText() + "\"}";
      default -> null;
    };
    if (members == null) {
      return null;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String safe(String kid) {
    return kid.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
