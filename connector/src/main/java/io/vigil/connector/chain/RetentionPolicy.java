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
 */
public record RetentionPolicy(Duration consolidateAfter, int maxRestorePoints) {

    public static final RetentionPolicy NONE = new RetentionPolicy(Duration.ZERO, 0);

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
        if (!consolidateAfter.isZero()) {
            staleIncrementals(chain, now).ifPresent(reasons::add);
        }
        if (maxRestorePoints > 0 && chain.restorePoints() > maxRestorePoints) {
            reasons.add(chain.restorePoints() + " restore points exceed the maximum of " + maxRestorePoints);
        }
        return reasons;
    }

    private Optional<String> staleIncrementals(Chain chain, Instant now) {
        Instant cutoff = now.minus(consolidateAfter);
        List<Image> consolidated = chain.images().stream().filter(i -> i.kind().isConsolidated()).toList();
        List<Image> stale = chain.images().stream()
                .filter(i -> i.kind() == ImageKind.INCREMENTAL)
                .filter(i -> i.time().isBefore(cutoff))
                .filter(i -> consolidated.stream().noneMatch(c -> covers(c, i)))
                .sorted(Comparator.comparing(Image::time).thenComparing(Image::fileName))
                .toList();
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        Image oldest = stale.get(0);
        return Optional.of(stale.size() + " incremental image" + (stale.size() == 1 ? " is" : "s are")
                + " older than " + consolidateAfter.toDays() + " days and not consolidated (oldest "
                + oldest.fileName() + " from " + oldest.time() + ")");
    }

    private static boolean covers(Image consolidated, Image incremental) {
        return consolidated.name().first() <= incremental.name().first()
                && incremental.name().last() <= consolidated.name().last();
    }
}
