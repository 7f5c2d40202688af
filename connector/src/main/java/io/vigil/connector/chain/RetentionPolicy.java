package io.vigil.connector.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a chain's retention is expected to look like; {@link #reasons} says where it does not.
 *
 * @param consolidateAfter  incrementals older than this should be covered by a consolidated file;
 *                          {@link Duration#ZERO} turns the check off
 * @param maxRestorePoints  a chain should hold at most this many restore points; 0 turns the check off
 * @param keep              how long ImageManager keeps files after a higher level consolidated them; null
 *                          turns the check off
 */
public record RetentionPolicy(Duration consolidateAfter, int maxRestorePoints, Keep keep) {

    public static final RetentionPolicy NONE = new RetentionPolicy(Duration.ZERO, 0, null);

    /**
     * ImageManager's retention settings (user guide, "Retention Settings"): intra-daily incrementals are kept
     * {@code intraDaily} after a daily consolidated them, dailies {@code daily} after a weekly, weeklies
     * {@code weekly} after a monthly. A file still there a day after that is kept longer than expected.
     */
    public record Keep(Duration intraDaily, Duration daily, Duration weekly) {
        /** ImageManager's defaults: 7, 15 and 90 days. */
        public static final Keep IMAGEMANAGER_DEFAULTS = new Keep(Duration.ofDays(7), Duration.ofDays(15), Duration.ofDays(90));

        static final Duration SLACK = Duration.ofDays(1);

        Duration of(ImageKind kind) {
            return switch (kind) {
                case INCREMENTAL -> intraDaily;
                case DAILY -> daily;
                case WEEKLY -> weekly;
                default -> null;
            };
        }
    }

    public RetentionPolicy(Duration consolidateAfter, int maxRestorePoints) {
        this(consolidateAfter, maxRestorePoints, null);
    }

    public RetentionPolicy {
        if (consolidateAfter.isNegative()) {
            throw new IllegalArgumentException("consolidateAfter must not be negative");
        }
        if (maxRestorePoints < 0) {
            throw new IllegalArgumentException("maxRestorePoints must not be negative");
        }
    }

    /** Reasons the chain's retention looks unexpected at {@code now}; empty when it looks as expected. */
    public List<String> reasons(Chain chain, Instant now) {
        List<String> reasons = new ArrayList<>();
        List<ChainFile> consolidated = chain.files().stream().filter(f -> f.image().kind().isConsolidated()).toList();
        if (!consolidateAfter.isZero()) {
            staleIncrementals(chain, consolidated, now).ifPresent(reasons::add);
        }
        if (maxRestorePoints > 0 && chain.restorePoints() > maxRestorePoints) {
            reasons.add(chain.restorePoints() + " restore points exceed the maximum of " + maxRestorePoints);
        }
        if (keep != null) {
            for (ImageKind kind : List.of(ImageKind.INCREMENTAL, ImageKind.DAILY, ImageKind.WEEKLY)) {
                keptTooLong(chain, consolidated, kind, now).ifPresent(reasons::add);
            }
        }
        return reasons;
    }

    private Optional<String> staleIncrementals(Chain chain, List<ChainFile> consolidated, Instant now) {
        Instant cutoff = now.minus(consolidateAfter);
        List<ChainFile> stale = chain.files().stream()
                .filter(f -> f.image().kind() == ImageKind.INCREMENTAL)
                .filter(f -> f.image().time().isBefore(cutoff))
                .filter(f -> consolidatedBy(consolidated, f, ImageKind.DAILY).isEmpty())
                .sorted(Comparator.comparing((ChainFile f) -> f.image().time()).thenComparing(f -> f.image().fileName()))
                .toList();
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        Image oldest = stale.get(0).image();
        return Optional.of(stale.size() + " incremental image" + (stale.size() == 1 ? " is" : "s are")
                + " older than " + consolidateAfter.toDays() + " days and not consolidated (oldest "
                + oldest.fileName() + " from " + oldest.time() + ")");
    }

    /** Files of {@code kind} that a consolidation of the next level took in longer ago than they are kept. */
    private Optional<String> keptTooLong(Chain chain, List<ChainFile> consolidated, ImageKind kind, Instant now) {
        Duration kept = keep.of(kind);
        ImageKind next = kind == ImageKind.INCREMENTAL ? ImageKind.DAILY : ImageKind.values()[kind.ordinal() + 1];
        long count = chain.files().stream()
                .filter(f -> f.image().kind() == kind)
                .filter(f -> consolidatedBy(consolidated, f, next)
                        .filter(c -> c.isBefore(now.minus(kept).minus(Keep.SLACK)))
                        .isPresent())
                .count();
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(count + " " + kind.label() + " image" + (count == 1 ? " is" : "s are") + " kept longer than "
                + kept.toDays() + " days after their " + next.label() + " consolidation");
    }

    /** When the first consolidated file of at least {@code level} that covers {@code file} was written. */
    private static Optional<Instant> consolidatedBy(List<ChainFile> consolidated, ChainFile file, ImageKind level) {
        Instant first = null;
        for (ChainFile c : consolidated) {
            if (c != file && c.image().kind().level() >= level.level() && c.line() == file.line()
                    && c.first() <= file.first() && file.last() <= c.last()
                    && (first == null || c.image().time().isBefore(first))) {
                first = c.image().time();
            }
        }
        return Optional.ofNullable(first);
    }
}
