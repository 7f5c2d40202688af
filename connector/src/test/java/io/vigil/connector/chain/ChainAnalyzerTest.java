package io.vigil.connector.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pure chain analysis on in-memory images: coverage of consolidated files and the restore path
 * (the file-based scenarios after the vendors' documentation live in RepositoryScenariosTest).
 */
class ChainAnalyzerTest {

    private static final Instant T = Instant.parse("2026-11-25T00:00:00Z");
    private final ChainAnalyzer analyzer = new ChainAnalyzer(ZoneOffset.UTC);

    private static Image base(String volume, long bytes, Instant time) {
        return new Image(volume + "-b001.spf", ImageName.base(volume, "b001", 1), bytes, time);
    }

    private static Image inc(long line, int n, long bytes, Instant time) {
        String name = line == 0 ? String.format("C_VOL-b001-i%03d.spi", n) : String.format("C_VOL-b001-d%03d-i%03d.spi", line, n);
        return new Image(name, ImageName.incremental("C_VOL", "b001", 1, line, n), bytes, time);
    }

    private static Image inc(int n, long bytes, Instant time) {
        return inc(0, n, bytes, time);
    }

    private static Image cons(ImageKind kind, int first, String suffixes, long bytes, Instant time) {
        return new Image(String.format("C_VOL-b001-i%03d%s.spi", first, suffixes),
                ImageName.consolidated("C_VOL", "b001", 1, 0, first, kind), bytes, time);
    }

    private static Instant h(long hours) {
        return T.plus(Duration.ofHours(hours));
    }

    private static ChainFile file(Chain chain, String name) {
        return chain.files().stream().filter(f -> f.image().fileName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theNewestDailyDoesNotSwallowIncrementalsWrittenAfterIt() {
        // Yesterday's i001..i003 rolled into i001-cd at 00:30 today (sources deleted); i004, i005 come after it.
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-30)), cons(ImageKind.DAILY, 1, "-cd", 30, h(0).plusSeconds(1800)),
                inc(4, 4, h(2)), inc(5, 5, h(3)))).get(0);

        assertThat(file(chain, "C_VOL-b001-i001-cd.spi").last()).isEqualTo(3);
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd.spi",
                "C_VOL-b001-i004.spi", "C_VOL-b001-i005.spi");
        assertThat(chain.broken()).isFalse();
    }

    @Test
    void aDailyEndsWithTheLastIncrementalOfItsDayEvenIfTheNextOneWasTakenBeforeTheConsolidationRan() {
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-30)),
                inc(1, 1, h(-20)), inc(2, 2, h(-10)), inc(3, 3, h(0).plusSeconds(600)),
                cons(ImageKind.DAILY, 1, "-cd", 30, h(0).plusSeconds(1800)), inc(4, 4, h(2)))).get(0);

        assertThat(file(chain, "C_VOL-b001-i001-cd.spi").last()).isEqualTo(2);
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd.spi",
                "C_VOL-b001-i003.spi", "C_VOL-b001-i004.spi");
    }

    @Test
    void aConsolidationWhoseSourcesAreStillThereEndsWithThemSoAHoleAfterThemBreaksTheChain() {
        // Day 1: i001..i004, rolled into i001-cd; day 2: i005..i008, rolled into i005-cd; both dailies rolled into
        // the weekly i001-cd-cw. The next weekly starts at i013: the files for 9..12 are gone, a real hole.
        List<Image> images = new java.util.ArrayList<>(List.of(base("C_VOL", 100, h(-120)),
                cons(ImageKind.DAILY, 1, "-cd", 10, h(-72).plusSeconds(1800)),
                cons(ImageKind.DAILY, 5, "-cd", 10, h(-48).plusSeconds(1800)),
                cons(ImageKind.WEEKLY, 1, "-cd-cw", 15, h(-47)),
                cons(ImageKind.WEEKLY, 13, "-cd-cw", 15, h(-1)), inc(17, 1, h(1))));
        for (int i = 1; i <= 8; i++) {
            images.add(inc(i, 1, h((i <= 4 ? -96 : -72) + (i - 1) % 4 + 1)));
        }
        Chain chain = analyzer.analyze(images).get(0);

        assertThat(file(chain, "C_VOL-b001-i001-cd.spi").last()).isEqualTo(4);
        assertThat(file(chain, "C_VOL-b001-i005-cd.spi").last()).isEqualTo(8);
        assertThat(file(chain, "C_VOL-b001-i001-cd-cw.spi").last()).isEqualTo(8);
        assertThat(chain.broken()).isTrue();
        assertThat(chain.missing()).containsExactly("C_VOL-b001-i009.spi..C_VOL-b001-i012.spi");
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cd-cw.spi",
                "C_VOL-b001-i013-cd-cw.spi", "C_VOL-b001-i017.spi");
    }

    @Test
    void equalLengthPathsPreferFewerBytes() {
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-10)), cons(ImageKind.DAILY, 1, "-cd", 30, h(-5)),
                cons(ImageKind.WEEKLY, 1, "-cw", 20, h(-4)))).get(0);

        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001-cw.spi");
        assertThat(chain.usageBytes()).isEqualTo(120);
        assertThat(chain.retentionBytes()).isEqualTo(30);
    }

    @Test
    void theNewestDifferentialStartsTheRestorePathAndOlderLinesAreRetention() {
        Image d1 = new Image("C_VOL-b001-d001-i000.spi", ImageName.differential("C_VOL", "b001", 1, 1), 50, h(-20));
        Image d2 = new Image("C_VOL-b001-d002.spi", ImageName.differential("C_VOL", "b001", 1, 2), 60, h(-10));
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-30)), inc(1, 5, h(-25)), d1, inc(1, 1, 5, h(-15)),
                d2, inc(2, 1, 7, h(-5)), inc(2, 2, 8, h(-1)))).get(0);

        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-d002.spi",
                "C_VOL-b001-d002-i001.spi", "C_VOL-b001-d002-i002.spi");
        assertThat(chain.usageBytes()).isEqualTo(100 + 60 + 7 + 8);
        assertThat(chain.retentionBytes()).isEqualTo(5 + 50 + 5);
        assertThat(chain.counts().differential()).isEqualTo(2);
        assertThat(chain.restorePoints()).isEqualTo(1 + 2 + 4);
        assertThat(chain.broken()).isFalse();
    }

    @Test
    void aMissingDifferentialBreaksItsLine() {
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-30)), inc(3, 1, 5, h(-5)), inc(3, 2, 5, h(-4)))).get(0);

        assertThat(chain.broken()).isTrue();
        assertThat(chain.missing()).containsExactly("C_VOL-b001-d003.spi");
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-d003-i001.spi",
                "C_VOL-b001-d003-i002.spi");
    }

    @Test
    void aRunOfMissingIncrementalsIsOneEntryWithItsCount() {
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-10)), inc(1, 1, h(-9)), inc(5, 5, h(-5)))).get(0);

        assertThat(chain.broken()).isTrue();
        assertThat(chain.missing()).containsExactly("C_VOL-b001-i002.spi..C_VOL-b001-i004.spi");
        assertThat(chain.missingCount()).isEqualTo(3);
        assertThat(chain.restorePath()).containsExactly("C_VOL-b001.spf", "C_VOL-b001-i001.spi", "C_VOL-b001-i005.spi");
    }

    @Test
    void hugeIncrementalNumbersDoNotCostMemory() {
        Chain chain = analyzer.analyze(List.of(base("C_VOL", 100, h(-10)), inc(999_999_999, 1, h(-1)))).get(0);

        assertThat(chain.missingCount()).isEqualTo(999_999_998);
        assertThat(chain.depth()).isEqualTo(2);
    }

    @Test
    void chainsAreSortedByVolumeThenBaseAndEachVolumeHasOneCurrentChain() {
        Image oldBase = new Image("C_VOL-b001.spf", ImageName.base("C_VOL", "b001", 1), 10, T);
        Image newBase = new Image("C_VOL-b002.spf", ImageName.base("C_VOL", "b002", 2), 20, T.plusSeconds(10));
        List<Chain> chains = analyzer.analyze(List.of(newBase, base("A_VOL", 5, T), oldBase));

        assertThat(chains).extracting(c -> c.volume() + "-" + c.base() + ":" + c.current())
                .containsExactly("A_VOL-b001:true", "C_VOL-b001:false", "C_VOL-b002:true");
    }
}
