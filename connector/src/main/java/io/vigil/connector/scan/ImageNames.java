package io.vigil.connector.scan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses image file names by asking each reader in turn; explains names that no reader takes. */
public final class ImageNames {

    private static final Pattern HAS_BASE = Pattern.compile("^.+?-b\\d{1,9}(-.*)?\\.sp[fi]$", Pattern.CASE_INSENSITIVE);

    private final List<ImageNameReader> readers;

    public ImageNames(List<ImageNameReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** The readers for the StorageCraft-style convention: base, incremental, daily, weekly, monthly. */
    public static ImageNames standard() {
        return new ImageNames(List.of(
                new BaseImageReader(),
                new IncrementalImageReader(),
                ConsolidatedImageReader.daily(),
                ConsolidatedImageReader.weekly(),
                ConsolidatedImageReader.monthly()));
    }

    /** Returns {@link ReadResult.Parsed} or {@link ReadResult.Rejected}, never {@link ReadResult.NotMine}. */
    public ReadResult read(String fileName) {
        for (ImageNameReader reader : readers) {
            ReadResult result = reader.read(fileName);
            if (!(result instanceof ReadResult.NotMine)) {
                return result;
            }
        }
        return new ReadResult.Rejected(explain(fileName));
    }

    private static String explain(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".spf") && !lower.endsWith(".spi")) {
            return "not an image file: the name must end in .spf (base) or .spi (incremental, consolidated)";
        }
        if (!HAS_BASE.matcher(fileName).matches()) {
            return "no base segment: expected VOLUME-bNNN before the rest of the name";
        }
        if (lower.endsWith(".spf")) {
            return "a .spf file must be a base image named VOLUME-bNNN.spf";
        }
        return "not an incremental (VOLUME-bNNN-iNNN.spi) nor a consolidated image "
                + "(VOLUME-bNNN-iNNN-iNNN-cd|cw|cm.spi)";
    }
}
