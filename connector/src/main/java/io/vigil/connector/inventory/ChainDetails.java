package io.vigil.connector.inventory;

import io.vigil.connector.chain.Chain;
import io.vigil.connector.chain.ChainFile;
import java.time.Instant;
import java.util.List;

/**
 * The JSON document served at {@code /api/v1/chains}: every file of one volume's chains in one folder,
 * with the points each covers and whether the newest point is restored through it (the chain
 * visualiser's picture). Records here are the wire contract; see connector/README.md.
 */
public record ChainDetails(
        int version,
        Inventory.Connector connector,
        Instant scannedAt,
        String customer,
        String folder,
        String volume,
        List<ChainDetail> chains) {

    /** One chain (base number) of the volume. */
    public record ChainDetail(String base, boolean current, boolean broken, List<String> missing, List<ImageDetail> images) {
        static ChainDetail of(Chain chain) {
            return new ChainDetail(chain.base(), chain.current(), chain.broken(), chain.missing(),
                    chain.files().stream().map(ImageDetail::of).toList());
        }
    }

    /**
     * One file: {@code line} is the differential it depends on (0: the base), {@code first..last} the
     * incremental points it covers (0..0 for a base or a differential), {@code parts} its spanned parts.
     */
    public record ImageDetail(String name, String kind, long line, long first, long last, long bytes, Instant time,
                              boolean onRestorePath, boolean md5, int parts) {
        static ImageDetail of(ChainFile f) {
            return new ImageDetail(f.image().fileName(), f.image().kind().label(), f.line(), f.first(), f.last(),
                    f.image().bytes(), f.image().time(), f.onRestorePath(), f.image().md5(), f.image().parts());
        }
    }

    /** The chains of {@code volume} among {@code chains}, or null when the volume has none. */
    static ChainDetails of(Inventory inventory, String customer, String folder, String volume, List<Chain> chains) {
        List<ChainDetail> details = chains.stream()
                .filter(c -> c.volume().equals(volume))
                .map(ChainDetail::of)
                .toList();
        return details.isEmpty() ? null : new ChainDetails(Inventory.VERSION, inventory.connector(),
                inventory.scannedAt(), customer, folder, volume, details);
    }
}
