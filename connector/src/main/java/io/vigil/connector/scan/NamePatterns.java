package io.vigil.connector.scan;

import java.util.regex.Pattern;

/** The pieces of the image-name grammar shared by the readers (see connector/README.md). */
final class NamePatterns {

    /** Volume: anything up to the first {@code -b<digits>} segment that is followed by the rest of the name. */
    static final String VOLUME = "(?<volume>[^/\\\\]+?)";
    static final String BASE = "-(?<base>[bB](?<baseNumber>\\d{1,9}))";
    static final String NUMBER = "\\d{1,9}";

    private NamePatterns() {}

    static Pattern compile(String regex) {
        return Pattern.compile("^" + regex + "$", Pattern.CASE_INSENSITIVE);
    }

    static long number(String digits) {
        return Long.parseLong(digits);
    }
}
