package io.vigil.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void matchesAnyListedTagWeakOrStrongAndTheWildcard() {
        assertThat(EntityTags.matches("\"a\", W/\"b\"", "\"b\"")).isTrue();
        assertThat(EntityTags.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("*", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("\"a\"", "\"b\"")).isFalse();
        assertThat(EntityTags.matches(null, "\"b\"")).isFalse();
    }
}
