package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads incremental images: {@code VOLUME-bNNN-iNNN.spi}, numbered from 1. */
public final class IncrementalImageReader implements ImageNameReader {

    private static final Pattern NAME = NamePatterns.compile(
            NamePatterns.VOLUME + NamePatterns.BASE + "-i(?<number>" + NamePatterns.NUMBER + ")\\.spi");

    @Override
    public ReadResult read(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return ReadResult.NOT_MINE;
        }
        long number = NamePatterns.number(m.group("number"));
        if (number < 1) {
            return new ReadResult.Rejected("incremental numbers start at i001");
        }
        return new ReadResult.Parsed(ImageName.incremental(
                m.group("volume"), m.group("base"), NamePatterns.number(m.group("baseNumber")), number));
    }
}
