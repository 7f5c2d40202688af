package io.vigil.connector.chain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure chain analysis: groups one folder's images into chains (volume + base number) and finds each
 * chain's restore path.
 *
 * <p>The newest restore point is the last point of the chain's newest line (the highest differential,
 * or the base's line when there is none). Its restore path is the base, the line's differential, then a
 * shortest path over the line's points: each file is an edge from the point before its first point to
 * its last point (see {@link ChainCoverage}), a run of points no file covers is a "missing" edge. Paths are
 * compared by missing files, then files, then bytes, so consolidated files are used wherever they
 * exist and a broken chain reports the fewest missing files.
 */
public final class ChainAnalyzer {

    private final ZoneId zone;

    /** Days (for dailies, see {@link ChainCoverage}) in this machine's time zone. */
    public ChainAnalyzer() {
        this(ZoneId.systemDefault());
    }

    public ChainAnalyzer(ZoneId zone) {
        this.zone = zone;
    }

    /** Analyses the images of one folder; returns one chain per volume and base, sorted by volume then base. */
    public List<Chain> analyze(List<Image> images) {
        return analyze(images, List.of());
    }

    /** The same, with the folder's verification logs ({@code bad.log}), matched to chains by volume and base. */
    public List<Chain> analyze(List<Image> images, List<VerificationLog> logs) {
        Map<String, Map<Long, List<Image>>> byVolume = new TreeMap<>();
        images.stream()
                .sorted(Comparator.comparing(Image::fileName))
                .forEach(i -> byVolume.computeIfAbsent(i.name().volume(), v -> new TreeMap<>())
                        .computeIfAbsent(i.name().baseNumber(), b -> new ArrayList<>())
                        .add(i));
        List<Chain> chains = new ArrayList<>();
        for (Map.Entry<String, Map<Long, List<Image>>> volume : byVolume.entrySet()) {
            List<Chain> volumeChains = new ArrayList<>();
            Chain newest = null;
            for (Map.Entry<Long, List<Image>> chainImages : volume.getValue().entrySet()) {
                Chain chain = analyzeChain(chainImages.getValue(), logsOf(logs, volume.getKey(), chainImages.getKey()));
                volumeChains.add(chain);
                if (newest == null || !chain.newestImageTime().isBefore(newest.newestImageTime())) {
                    newest = chain;
                }
            }
            for (Chain chain : volumeChains) {
                chains.add(chain == newest ? chain : chain.notCurrent());
            }
        }
        return chains;
    }

    private static List<VerificationLog> logsOf(List<VerificationLog> logs, String volume, long baseNumber) {
        String key = volume.toLowerCase(Locale.ROOT);
        return logs.stream()
                .filter(l -> l.baseNumber() == baseNumber && l.volume().toLowerCase(Locale.ROOT).equals(key))
                .toList();
    }

    /** Analyses the files of one chain (one volume, one base number), as if it were the volume's newest. */
    Chain analyzeChain(List<Image> chainImages, List<VerificationLog> logs) {
        ImageName first = chainImages.get(0).name();
        String volume = first.volume();
        Image base = null;
        Map<Long, Image> differentials = new TreeMap<>();
        Map<Long, List<Image>> lines = new TreeMap<>();
        long totalBytes = 0;
        Instant newestFileTime = Instant.MIN;
        int unverified = 0;
        for (Image image : chainImages) {
            totalBytes += image.bytes();
            if (image.time().isAfter(newestFileTime)) {
                newestFileTime = image.time();
            }
            if (!image.md5()) {
                unverified++;
            }
            switch (image.kind()) {
                case BASE -> base = base == null ? image : base;
                case DIFFERENTIAL -> differentials.putIfAbsent(image.name().line(), image);
                default -> lines.computeIfAbsent(image.name().line(), l -> new ArrayList<>()).add(image);
            }
        }
        String baseLabel = base != null ? base.name().baseLabel() : first.baseLabel();
        long newestLine = Math.max(
                differentials.isEmpty() ? 0 : differentials.keySet().stream().mapToLong(Long::longValue).max().orElse(0),
                lines.isEmpty() ? 0 : lines.keySet().stream().mapToLong(Long::longValue).max().orElse(0));

        Map<Image, Long> lastPoints = new IdentityHashMap<>();
        lines.values().forEach(line -> lastPoints.putAll(ChainCoverage.lastPoints(line, zone)));
        List<Image> newest = lines.getOrDefault(newestLine, List.of());
        long newestPoint = newest.stream().mapToLong(lastPoints::get).max().orElse(0);

        List<String> restorePath = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Image> pathImages = new ArrayList<>();
        String prefix = volume + "-" + baseLabel;
        if (base == null) {
            missing.add(prefix + ".spf");
        } else {
            pathImages.add(base);
        }
        String linePrefix = newestLine == 0 ? prefix : prefix + "-d" + String.format("%03d", newestLine);
        if (newestLine > 0) {
            Image differential = differentials.get(newestLine);
            if (differential == null) {
                missing.add(linePrefix + ".spi");
            } else {
                pathImages.add(differential);
            }
        }
        Path path = shortestPath(newest, lastPoints, newestPoint);
        for (Step step : path.steps) {
            if (step.image == null) {
                missing.add(missingName(linePrefix, step.from + 1, step.to));
            } else {
                pathImages.add(step.image);
            }
        }
        Set<Image> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        long usage = 0;
        for (Image image : pathImages) {
            onPath.add(image);
            restorePath.add(image.fileName());
            usage += image.bytes();
        }
        List<ChainFile> files = new ArrayList<>(chainImages.size());
        Set<String> ends = new HashSet<>();
        for (Image image : chainImages) {
            long line = image.name().line();
            long firstPoint = image.name().number();
            long lastPoint = lastPoints.getOrDefault(image, firstPoint);
            files.add(new ChainFile(image, line, firstPoint, lastPoint, onPath.contains(image)));
            if (lastPoints.containsKey(image)) {
                ends.add(line + ":" + lastPoint);
            }
        }
        long missingCount = path.missing + (base == null ? 1 : 0)
                + (newestLine > 0 && !differentials.containsKey(newestLine) ? 1 : 0);
        Instant verificationFailed = logs.stream().map(VerificationLog::time).max(Comparator.naturalOrder()).orElse(null);
        return new Chain(volume, baseLabel, true, restorePath.size(), ImageCounts.of(chainImages),
                newestBackupTime(chainImages, newest, lastPoints, newestPoint, newestFileTime), newestFileTime,
                usage, totalBytes - usage, missingCount > 0, missing, missingCount, restorePath,
                (base == null ? 0 : 1) + differentials.size() + ends.size(), unverified, verificationFailed, files);
    }

    /**
     * The time of the newest backup image. When the newest point is only held by consolidated files (its
     * incrementals are gone), the first of those to be written is the closest bound there is.
     */
    private static Instant newestBackupTime(List<Image> chain, List<Image> newestLine, Map<Image, Long> lastPoints,
                                            long newestPoint, Instant fallback) {
        Instant backup = chain.stream().filter(i -> i.kind().isBackup()).map(Image::time)
                .max(Comparator.naturalOrder()).orElse(null);
        boolean plainAtNewest = newestPoint == 0 || newestLine.stream()
                .anyMatch(i -> i.kind() == ImageKind.INCREMENTAL && i.name().number() == newestPoint);
        if (!plainAtNewest) {
            Instant consolidated = newestLine.stream()
                    .filter(i -> i.kind().isConsolidated() && lastPoints.get(i) == newestPoint)
                    .map(Image::time)
                    .min(Comparator.naturalOrder()).orElse(null);
            if (consolidated != null && (backup == null || consolidated.isAfter(backup))) {
                backup = consolidated;
            }
        }
        return backup == null ? fallback : backup;
    }

    private static String missingName(String linePrefix, long from, long to) {
        String firstName = linePrefix + "-i" + String.format("%03d", from) + ".spi";
        return from == to ? firstName : firstName + ".." + linePrefix + "-i" + String.format("%03d", to) + ".spi";
    }

    private record Step(long from, long to, Image image) {}

    private record Path(long missing, List<Step> steps) {}

    /** Dynamic programming over the distinct points that start or end a file of the line (ascending), from 0. */
    private static Path shortestPath(List<Image> line, Map<Image, Long> lastPoints, long newestPoint) {
        if (newestPoint == 0) {
            return new Path(0, List.of());
        }
        TreeSet<Long> pointSet = new TreeSet<>();
        pointSet.add(0L);
        pointSet.add(newestPoint);
        for (Image image : line) {
            pointSet.add(image.name().number() - 1);
            pointSet.add(lastPoints.get(image));
        }
        long[] points = pointSet.stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < points.length; i++) {
            index.put(points[i], i);
        }
        List<List<Image>> outgoing = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            outgoing.add(new ArrayList<>());
        }
        for (Image image : line) {
            outgoing.get(index.get(image.name().number() - 1)).add(image);
        }
        int n = points.length;
        long[] missing = new long[n];
        long[] files = new long[n];
        long[] bytes = new long[n];
        Step[] via = new Step[n];
        int[] prev = new int[n];
        Arrays.fill(missing, Long.MAX_VALUE);
        missing[0] = 0;
        for (int i = 0; i < n; i++) {
            if (missing[i] == Long.MAX_VALUE) {
                continue;
            }
            for (Image image : outgoing.get(i)) {
                int j = index.get(lastPoints.get(image));
                relax(i, j, missing[i], files[i] + 1, bytes[i] + image.bytes(),
                        new Step(points[i], points[j], image), missing, files, bytes, via, prev);
            }
            if (i + 1 < n) {
                relax(i, i + 1, missing[i] + (points[i + 1] - points[i]), files[i], bytes[i],
                        new Step(points[i], points[i + 1], null), missing, files, bytes, via, prev);
            }
        }
        int target = index.get(newestPoint);
        List<Step> steps = new ArrayList<>();
        for (int i = target; i != 0; i = prev[i]) {
            steps.add(via[i]);
        }
        Collections.reverse(steps);
        return new Path(missing[target], steps);
    }

    private static void relax(int from, int to, long m, long f, long b, Step step,
                              long[] missing, long[] files, long[] bytes, Step[] via, int[] prev) {
        boolean better = m < missing[to]
                || (m == missing[to] && (f < files[to] || (f == files[to] && b < bytes[to])));
        if (better) {
            missing[to] = m;
            files[to] = f;
            bytes[to] = b;
            via[to] = step;
            prev[to] = from;
        }
    }
}
