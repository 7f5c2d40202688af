package io.vigil.connector.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * A serialised inventory, ready to serve.
 *
 * @param body      the JSON bytes
 * @param etag      a strong entity tag over {@code body}, quoted
 * @param inventory the document {@code body} was written from
 * @param lastScan  when the repository was last scanned (later than the document's scanned_at when
 *                  later scans found nothing new)
 */
public record Snapshot(byte[] body, String etag, Inventory inventory, Instant lastScan) {

    private static final ObjectMapper JSON = Json.mapper();

    /** The document serialised as served, with its entity tag. */
    public static Snapshot of(Inventory inventory, Instant lastScan) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(inventory);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(body, etag(body), inventory, lastScan);
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
