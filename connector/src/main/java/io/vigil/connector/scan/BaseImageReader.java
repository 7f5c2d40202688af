package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads base images: {@code VOLUME-bNNN.spf}. */
public final class BaseImageReader implements ImageNameReader {

    private static final Pattern NAME = NamePatterns.compile(NamePatterns.VOLUME + NamePatterns.BASE + "\\.spf");

    @Override
    public ReadResult read(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return ReadResult.NOT_MINE;
        }
        return new ReadResult.Parsed(
                ImageName.base(m.group("volume"), m.group("base"), NamePatterns.number(m.group("baseNumber"))));
    }
}
