package io.vigil.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenAuthTest {

    private final BearerTokenAuth auth = new BearerTokenAuth("tok");

    @Test
    void acceptsOnlyTheBearerSchemeWithTheExactToken() {
        assertThat(auth.allows("Bearer tok")).isTrue();
        assertThat(auth.allows("bearer tok")).isTrue();
        assertThat(auth.allows("Bearer tok2")).isFalse();
        assertThat(auth.allows("Bearer ")).isFalse();
        assertThat(auth.allows("tok")).isFalse();
        assertThat(auth.allows(null)).isFalse();
    }

    @Test
    void blankTokenIsRefused() {
        assertThatThrownBy(() -> new BearerTokenAuth(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
