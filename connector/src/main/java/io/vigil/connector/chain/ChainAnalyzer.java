package io.vigil.connector.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure chain analysis: groups one folder's images into chains and finds each chain's restore path.
 *
 * <p>The restore path is a shortest path over the chain's points. Each file is an edge from the point
 * before its first point to its last point; a run of points no file covers is a "missing" edge. Paths
 * are compared by missing files, then by files, then by bytes, so the path uses consolidated files
 * wherever they exist and reports the fewest missing files when the chain is broken.
 */
public final class ChainAnalyzer {

    /** Analyses the images of one folder; returns one chain per volume and base, sorted by volume then base. */
    public List<Chain> analyze(List<Image> images) {
        Map<String, Map<Long, List<Image>>> byVolume = new LinkedHashMap<>();
        images.stream()
                .sorted(Comparator.comparing((Image i) -> i.name().volume())
                        .thenComparingLong(i -> i.name().baseNumber())
                        .thenComparing(Image::fileName))
                .forEach(i -> byVolume.computeIfAbsent(i.name().volume(), v -> new LinkedHashMap<>())
                        .computeIfAbsent(i.name().baseNumber(), b -> new ArrayList<>())
                        .add(i));
        List<Chain> chains = new ArrayList<>();
        for (Map<Long, List<Image>> byBase : byVolume.values()) {
            List<Chain> volumeChains = new ArrayList<>();
            for (List<Image> chainImages : byBase.values()) {
                volumeChains.add(analyzeChain(chainImages));
            }
            Chain newest = volumeChains.stream()
                    .max(Comparator.comparing(Chain::newestImageTime)
                            .thenComparingLong(c -> c.images().get(0).name().baseNumber()))
                    .orElseThrow();
            for (Chain chain : volumeChains) {
                chains.add(chain == newest ? chain : chain.notCurrent());
            }
        }
        return chains;
    }

    /** Analyses the files of one chain (one volume, one base number), as if it were the volume's newest. */
    Chain analyzeChain(List<Image> chainImages) {
        ImageName first = chainImages.get(0).name();
        String volume = first.volume();
        String baseLabel = chainImages.stream()
                .filter(i -> i.kind() == ImageKind.BASE)
                .map(i -> i.name().baseLabel())
                .findFirst()
                .orElse(first.baseLabel());

        long newestPoint = 0;
        long totalBytes = 0;
        Instant newestTime = Instant.MIN;
        Set<Long> ends = new HashSet<>();
        boolean hasBase = false;
        for (Image image : chainImages) {
            newestPoint = Math.max(newestPoint, image.name().last());
            totalBytes += image.bytes();
            if (image.time().isAfter(newestTime)) {
                newestTime = image.time();
            }
            if (image.kind() == ImageKind.BASE) {
                hasBase = true;
            } else {
                ends.add(image.name().last());
            }
        }

        Path path = shortestPath(chainImages, newestPoint);
        List<String> restorePath = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        long usage = 0;
        if (!hasBase) {
            missing.add(volume + "-" + baseLabel + ".spf");
        }
        for (Step step : path.steps) {
            if (step.image != null) {
                restorePath.add(step.image.fileName());
                usage += step.image.bytes();
            } else {
                missing.add(missingName(volume, baseLabel, step.from + 1, step.to));
            }
        }
        long missingCount = path.missing + (hasBase ? 0 : 1);
        return new Chain(volume, baseLabel, true, restorePath.size(), ImageCounts.of(chainImages), newestPoint,
                newestTime, usage, totalBytes - usage, missingCount > 0, missing, missingCount, restorePath,
                (hasBase ? 1 : 0) + ends.size(), chainImages);
    }

    private static String missingName(String volume, String baseLabel, long from, long to) {
        String prefix = volume + "-" + baseLabel + "-i";
        String firstName = prefix + String.format("%03d", from) + ".spi";
        return from == to ? firstName : firstName + ".." + prefix + String.format("%03d", to) + ".spi";
    }

    private record Step(long from, long to, Image image) {}

    private record Path(long missing, List<Step> steps) {}

    /** Dynamic programming over the distinct points that start or end a file (ascending). */
    private static Path shortestPath(List<Image> images, long newestPoint) {
        TreeSet<Long> pointSet = new TreeSet<>();
        pointSet.add(0L);
        pointSet.add(newestPoint);
        for (Image image : images) {
            if (image.kind() != ImageKind.BASE) {
                pointSet.add(image.name().first() - 1);
            }
            pointSet.add(image.name().last());
        }
        long[] points = pointSet.stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            index.put(points[i], i);
        }
        List<List<Image>> outgoing = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            outgoing.add(new ArrayList<>());
        }
        Image base = null;
        for (Image image : images) {
            if (image.kind() == ImageKind.BASE) {
                if (base == null) {
                    base = image;
                }
            } else {
                outgoing.get(index.get(image.name().first() - 1)).add(image);
            }
        }

        int n = points.length;
        long[] missing = new long[n];
        long[] files = new long[n];
        long[] bytes = new long[n];
        Step[] via = new Step[n];
        int[] prev = new int[n];
        Arrays.fill(missing, Long.MAX_VALUE);
        missing[0] = 0;
        files[0] = base == null ? 0 : 1;
        bytes[0] = base == null ? 0 : base.bytes();
        for (int i = 0; i < n; i++) {
            if (missing[i] == Long.MAX_VALUE) {
                continue;
            }
            for (Image image : outgoing.get(i)) {
                int j = index.get(image.name().last());
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
            steps.add(0, via[i]);
        }
        if (base != null) {
            steps.add(0, new Step(-1, 0, base));
        }
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
