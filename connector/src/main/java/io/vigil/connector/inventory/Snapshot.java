package io.vigil.connector.inventory;

import java.time.Instant;

/**
 * A serialised inventory, ready to serve.
 *
 * @param body      the JSON bytes
 * @param etag      a strong entity tag over {@code body}, quoted
 * @param inventory the document {@code body} was written from
 * @param lastScan  when the repository was last scanned (later than the document's scanned_at when
 *                  later scans found nothing new)
 */
public record Snapshot(byte[] body, String etag, Inventory inventory, Instant lastScan) {}
