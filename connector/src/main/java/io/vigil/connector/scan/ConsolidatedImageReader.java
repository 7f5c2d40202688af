package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageKind;
import io.vigil.connector.chain.ImageName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one kind of consolidated image: {@code VOLUME-bNNN-iFFF-iLLL-cX.spi}, which stands in for the
 * incrementals FFF..LLL. X is {@code d} (daily), {@code w} (weekly) or {@code m} (monthly).
 */
public final class ConsolidatedImageReader implements ImageNameReader {

    private final ImageKind kind;
    private final Pattern name;

    private ConsolidatedImageReader(ImageKind kind, char suffix) {
        this.kind = kind;
        this.name = NamePatterns.compile(NamePatterns.VOLUME + NamePatterns.BASE
                + "-i(?<first>" + NamePatterns.NUMBER + ")-i(?<last>" + NamePatterns.NUMBER + ")-c" + suffix
                + "\\.spi");
    }

    public static ConsolidatedImageReader daily() {
        return new ConsolidatedImageReader(ImageKind.DAILY, 'd');
    }

    public static ConsolidatedImageReader weekly() {
        return new ConsolidatedImageReader(ImageKind.WEEKLY, 'w');
    }

    public static ConsolidatedImageReader monthly() {
        return new ConsolidatedImageReader(ImageKind.MONTHLY, 'm');
    }

    @Override
    public ReadResult read(String fileName) {
        Matcher m = name.matcher(fileName);
        if (!m.matches()) {
            return ReadResult.NOT_MINE;
        }
        long first = NamePatterns.number(m.group("first"));
        long last = NamePatterns.number(m.group("last"));
        if (first < 1) {
            return new ReadResult.Rejected("incremental numbers start at i001");
        }
        if (last < first) {
            return new ReadResult.Rejected(kind.label() + " consolidation ends (i" + m.group("last")
                    + ") before it starts (i" + m.group("first") + ")");
        }
        return new ReadResult.Parsed(ImageName.consolidated(
                m.group("volume"), m.group("base"), NamePatterns.number(m.group("baseNumber")), kind, first, last));
    }
}
