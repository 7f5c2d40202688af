package io.vigil.connector.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer TOKEN}. Both sides are hashed first so that
 * {@link MessageDigest#isEqual} compares equal-length values in constant time and the token's length
 * does not leak. The token is never logged.
 */
public final class BearerTokenAuth {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerTokenAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the token must not be blank");
        }
        this.expected = sha256(token);
    }

    /** True when the header value carries the expected token. */
    public boolean allows(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
