package io.vigil.connector.scan;

import io.vigil.connector.chain.Image;
import io.vigil.connector.chain.ImageName;
import io.vigil.connector.chain.VerificationLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Collects one folder's images and sidecars while it is walked; sidecars find their image by name, in any case. */
final class FolderFiles {

    private record Found(String fileName, ImageName name, long bytes, Instant time) {}

    private static final class Parts {
        int count;
        long bytes;
    }

    private final FolderRef ref;
    private final List<Found> images = new ArrayList<>();
    private final Set<String> checksums = new HashSet<>();
    private final Map<String, Parts> parts = new HashMap<>();
    private final List<VerificationLog> logs = new ArrayList<>();

    FolderFiles(FolderRef ref) {
        this.ref = ref;
    }

    void add(String fileName, FileName what, long bytes, Instant time) {
        if (what instanceof FileName.Image image) {
            images.add(new Found(fileName, image.name(), bytes, time));
        } else if (what instanceof FileName.Checksum checksum) {
            checksums.add(checksum.stem());
        } else if (what instanceof FileName.Part part) {
            Parts p = parts.computeIfAbsent(part.stem(), s -> new Parts());
            p.count++;
            p.bytes += bytes;
        } else if (what instanceof FileName.VerificationFailure failure) {
            logs.add(new VerificationLog(fileName, failure.volume(), failure.baseNumber(), time));
        } else if (what instanceof FileName.Rejected) {
            throw new IllegalArgumentException("a rejected name is not a file of the folder");
        }
    }

    FolderScan scan() {
        List<Image> result = new ArrayList<>(images.size());
        for (Found f : images) {
            String stem = f.fileName().substring(0, f.fileName().lastIndexOf('.')).toLowerCase(Locale.ROOT);
            Parts p = parts.get(stem);
            result.add(new Image(f.fileName(), f.name(), f.bytes() + (p == null ? 0 : p.bytes), f.time(),
                    checksums.contains(stem), p == null ? 0 : p.count));
        }
        return new FolderScan(ref, result, logs);
    }
}
