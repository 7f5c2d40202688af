package io.vigil.connector.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.connector.chain.Chain;
import io.vigil.connector.scan.FolderRef;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A serialised inventory, ready to serve, with the chains it was written from.
 *
 * @param body      the JSON bytes
 * @param etag      a strong entity tag over {@code body}, quoted
 * @param inventory the document {@code body} was written from
 * @param lastScan  when the repository was last scanned (later than the document's scanned_at when
 *                  later scans found nothing new)
 * @param chains    the analysed chains of each folder, for {@link #chainDetails}
 */
public record Snapshot(byte[] body, String etag, Inventory inventory, Instant lastScan, Map<FolderRef, List<Chain>> chains) {

    private static final ObjectMapper JSON = Json.mapper();

    /** A served document: its JSON body and entity tag. */
    public record Document(byte[] body, String etag) {
        static Document of(Object value) {
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return new Document(body, Snapshot.etag(body));
        }
    }

    /** The document serialised as served, with its entity tag. */
    public static Snapshot of(Inventory inventory, Instant lastScan, Map<FolderRef, List<Chain>> chains) {
        Document document = Document.of(inventory);
        return new Snapshot(document.body(), document.etag(), inventory, lastScan, chains);
    }

    /** Without chain details (a document built elsewhere). */
    public static Snapshot of(Inventory inventory, Instant lastScan) {
        return of(inventory, lastScan, Map.of());
    }

    /** The same body and tag, another scan's chains and time. */
    Snapshot rescanned(Instant scanTime, Map<FolderRef, List<Chain>> newChains) {
        return new Snapshot(body, etag, inventory, scanTime, newChains);
    }

    /** The chain details of one volume of one folder, serialised; empty when there is no such volume. */
    public Optional<Document> chainDetails(String customer, String folder, String volume) {
        List<Chain> folderChains = chains.get(new FolderRef(customer, folder));
        if (folderChains == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ChainDetails.of(inventory, customer, folder, volume, folderChains))
                .map(Document::of);
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
