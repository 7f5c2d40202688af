package io.vigil.connector.http;

/** {@code If-None-Match} matching (RFC 9110 section 13.1.2: weak comparison, {@code *} matches any). */
final class EntityTags {

    private EntityTags() {}

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
