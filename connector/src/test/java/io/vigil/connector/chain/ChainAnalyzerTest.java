package io.vigil.connector.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure chain analysis on in-memory images (the file-based scenarios live in RepositoryScenariosTest). */
class ChainAnalyzerTest {

    private static final Instant T = Instant.parse("2026-11-25T00:00:00Z");
    private final ChainAnalyzer analyzer = new ChainAnalyzer();

    private static Image base(String volume, long bytes, long minutes) {
        return new Image(volume + "-b001.spf", ImageName.base(volume, "b001", 1), bytes, T.plusSeconds(60 * minutes));
    }

    private static Image inc(int n, long bytes) {
        return new Image(String.format("C_VOL-b001-i%03d.spi", n), ImageName.incremental("C_VOL", "b001", 1, n),
                bytes, T.plusSeconds(60L * n));
    }

    private static Image cons(ImageKind kind, int first, int last, long bytes) {
        String suffix = switch (kind) {
            case DAILY -> "cd";
            case WEEKLY -> "cw";
            default -> "cm";
        };
        return new Image(String.format("C_VOL-b001-i%03d-i%03d-%s.spi", first, last, suffix),
                ImageName.consolidated("C_VOL", "b001", 1, kind, first, last), bytes, T.plusSeconds(60L * last));
    }

    @Test
    void equalLengthPathsPreferFewerBytes() {
        List<Chain> chains = analyzer.analyze(List.of(
                base("C_VOL", 100, 0), cons(ImageKind.DAILY, 1, 2, 30), cons(ImageKind.WEEKLY, 1, 2, 20)));

        assertThat(chains.get(0).restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-i002-cw.spi");
        assertThat(chains.get(0).usageBytes()).isEqualTo(120);
        assertThat(chains.get(0).retentionBytes()).isEqualTo(30);
    }

    @Test
    void overlappingConsolidationsThatCannotBeChainedFallBackToIncrementals() {
        // i001-i004 and i003-i006 overlap; the path must be contiguous, so it takes cd(1-4) + i005 + i006.
        List<Chain> chains = analyzer.analyze(List.of(base("C_VOL", 100, 0),
                cons(ImageKind.DAILY, 1, 4, 40), cons(ImageKind.DAILY, 3, 6, 40),
                inc(5, 5), inc(6, 6)));

        Chain chain = chains.get(0);
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-i004-cd.spi",
                "C_VOL-b001-i005.spi", "C_VOL-b001-i006.spi");
        assertThat(chain.broken()).isFalse();
        assertThat(chain.depth()).isEqualTo(4);
    }

    @Test
    void aRunOfMissingIncrementalsIsOneEntryWithItsCount() {
        List<Chain> chains = analyzer.analyze(List.of(base("C_VOL", 100, 0), inc(1, 1), inc(5, 5)));

        Chain chain = chains.get(0);
        assertThat(chain.broken()).isTrue();
        assertThat(chain.missing()).containsExactly("C_VOL-b001-i002.spi..C_VOL-b001-i004.spi");
        assertThat(chain.missingCount()).isEqualTo(3);
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001.spi", "C_VOL-b001-i005.spi");
    }

    @Test
    void hugeIncrementalNumbersDoNotCostMemory() {
        List<Chain> chains = analyzer.analyze(List.of(base("C_VOL", 100, 0), inc(999_999_999, 1)));

        assertThat(chains.get(0).missingCount()).isEqualTo(999_999_998);
        assertThat(chains.get(0).depth()).isEqualTo(2);
    }

    @Test
    void chainsAreSortedByVolumeThenBaseAndEachVolumeHasOneCurrentChain() {
        Image oldBase = new Image("C_VOL-b001.spf", ImageName.base("C_VOL", "b001", 1), 10, T);
        Image newBase = new Image("C_VOL-b002.spf", ImageName.base("C_VOL", "b002", 2), 20, T.plusSeconds(10));
        List<Chain> chains = analyzer.analyze(List.of(newBase, base("A_VOL", 5, 0), oldBase));

        assertThat(chains).extracting(c -> c.volume() + "-" + c.base() + ":" + c.current())
                .containsExactly("A_VOL-b001:true", "C_VOL-b001:false", "C_VOL-b002:true");
    }
}
