package io.vigil.connector.chain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each file of one line of a chain reaches. An incremental covers its own point. A consolidated
 * file's name gives only its first point (the number of the first file it was built from), so its last
 * point is derived from the other files of the line:
 * <ol>
 *   <li>it ends before the next file, by number, that starts a new period: one of the same or a higher
 *       level (the next daily after a daily), one written after it (it cannot hold what did not exist
 *       yet: today's incrementals after last night's daily), and for a daily, an incremental of a later
 *       calendar day than the daily's first incremental (one taken after midnight but before the
 *       consolidation ran belongs to the next daily);</li>
 *   <li>when files it was built from are still there (for a daily its incrementals, for a weekly its
 *       dailies, for a monthly or rolling file the consolidations below it; numbered from its first point
 *       up to that boundary and written before it), it ends with the last of them, so a gap between them
 *       and the boundary is a hole in the chain;</li>
 *   <li>otherwise it reaches the boundary; with no boundary, it ends at its first point.</li>
 * </ol>
 * Assumptions: ImageManager writes a consolidated file after the last image it holds (file modification
 * times are the only clock a reader of names has), and days are those of the connector's time zone, which
 * is the ImageManager server's when the connector runs there.
 */
final class ChainCoverage {

    private static final Comparator<Image> ORDER = Comparator.comparingLong((Image i) -> i.name().number())
            .thenComparingInt(i -> i.kind().level())
            .thenComparing(Image::time)
            .thenComparing(Image::fileName);

    private ChainCoverage() {}

    /** The last point of every file of one line (incrementals and consolidated files, one differential number). */
    static Map<Image, Long> lastPoints(List<Image> line, ZoneId zone) {
        List<Image> sorted = new ArrayList<>(line);
        sorted.sort(ORDER);
        Map<Image, Long> last = new IdentityHashMap<>();
        for (Image image : sorted) {
            if (!image.kind().isConsolidated()) {
                last.put(image, image.name().number());
            }
        }
        for (int level = 1; level <= ImageKind.ROLLING.level(); level++) {
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).kind().level() == level) {
                    last.put(sorted.get(i), lastPoint(sorted, i, last, zone));
                }
            }
        }
        return last;
    }

    private static long lastPoint(List<Image> sorted, int index, Map<Image, Long> last, ZoneId zone) {
        Image c = sorted.get(index);
        long first = c.name().number();
        int level = c.kind().level();
        long sources = -1;
        LocalDate day = null;
        for (int j = index - 1; j >= 0 && sorted.get(j).name().number() == first; j--) {
            Image s = sorted.get(j);
            if (isSource(s, c)) {
                sources = Math.max(sources, last.get(s));
                if (level == 1) {
                    day = LocalDate.ofInstant(s.time(), zone);
                }
            }
        }
        long boundary = Long.MAX_VALUE;
        for (int j = index + 1; j < sorted.size(); j++) {
            Image s = sorted.get(j);
            if (s.name().number() == first) {
                continue;
            }
            if (s.kind().level() >= level || s.time().isAfter(c.time())
                    || day != null && !s.kind().isConsolidated() && LocalDate.ofInstant(s.time(), zone).isAfter(day)) {
                boundary = s.name().number();
                break;
            }
            if (isSource(s, c)) {
                sources = Math.max(sources, last.get(s));
            }
        }
        if (sources >= first) {
            return boundary == Long.MAX_VALUE ? sources : Math.min(sources, boundary - 1);
        }
        return boundary == Long.MAX_VALUE ? first : boundary - 1;
    }

    /** What {@code c} is built from: incrementals for a daily, lower consolidations for the others. */
    private static boolean isSource(Image s, Image c) {
        int level = c.kind().level();
        boolean fromBelow = level == 1 ? !s.kind().isConsolidated() : s.kind().isConsolidated() && s.kind().level() < level;
        return fromBelow && !s.time().isAfter(c.time());
    }
}
