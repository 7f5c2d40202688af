package io.vigil.http;

import io.vigil.config.KeyConfig;
import io.vigil.config.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps {@code Authorization: Bearer KEY} to a {@link Grant}. Only SHA-256 digests of keys are
 * held; the presented key's digest is looked up and then compared in constant time. Keys are
 * never logged.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";
  private volatile Map<String, Entry> byDigest = Map.of();

  public Authenticator(VigilConfig config) {
    update(config);
  }

  public void update(VigilConfig config) {
    Map<String, Entry> next = new HashMap<>();
    for (KeyConfig key : config.adminKeys()) {
      next.put(key.sha256(), new Entry(HexFormat.of().parseHex(key.sha256()), new Grant(key.sha256(), null, null, key.name())));
    }
    config.tenants().forEach(tenant -> tenant.keys().forEach(key -> next.put(key.sha256(),
        new Entry(HexFormat.of().parseHex(key.sha256()), new Grant(key.sha256(), tenant.account(), key.role(), key.name())))));
    byDigest = Map.copyOf(next);
  }

  public Optional<Grant> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return authenticateKey(authorization.substring(BEARER.length()).strip());
  }

  /** The grant of a key presented as it is (the console's sign-in form), compared as a bearer key is. */
  public Optional<Grant> authenticateKey(String key) {
    byte[] digest = sha256(key);
    // The map lookup only reveals timing about the digest, which an attacker cannot steer toward a key.
    Entry entry = byDigest.get(HexFormat.of().formatHex(digest));
    if (entry == null || !MessageDigest.isEqual(entry.digest, digest)) {
      return Optional.empty();
    }
    return Optional.of(entry.grant);
  }

  /** Whether the configuration still holds {@code grant}'s key with the same tenant and role (it may have been reloaded away). */
  public boolean stillValid(Grant grant) {
    Entry entry = byDigest.get(grant.keyId());
    return entry != null && entry.grant.equals(grant);
  }

  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Entry(byte[] digest, Grant grant) {}
}
