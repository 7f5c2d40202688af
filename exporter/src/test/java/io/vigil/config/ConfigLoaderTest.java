package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  final ConfigLoader loader = new ConfigLoader();

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
  }

  @Test
  void theCompleteExampleLoadsWithEveryValue() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.listen()).isEqualTo("127.0.0.1:9877");
    assertThat(config.dataDir()).isEqualTo("/var/lib/vigil");
    assertThat(config.limits().maxBatchItems()).isEqualTo(500);
    assertThat(config.defaults().retireAfterDays()).isEqualTo(45);
    assertThat(config.tenant("acme")).get().satisfies(t -> {
      assertThat(t.name()).isEqualTo("ACME Managed IT");
      assertThat(t.keys()).extracting(KeyConfig::role).containsExactly(KeyRole.PUSH, KeyRole.READ);
    });
  }

  @Test
  void tenantOverridesWinOverDefaults() throws Exception {
    VigilConfig config = loader.load(fixture("good.yml"));
    assertThat(config.graceFor("acme")).isEqualTo(Duration.ofDays(1));
    assertThat(config.graceFor("someone-else")).isEqualTo(Duration.ofHours(36));
    assertThat(config.heartbeatIntervalFor("acme")).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "invalid-unknown-key.yml        | tenants[0].colour: unknown key",
      "invalid-account.yml            | tenants[0].account: must be 1-64 of a-z",
      "invalid-duplicate-account.yml  | tenants[1].account: 'acme' is configured twice",
      "invalid-key-hash.yml           | tenants[0].keys[0].sha256: must be the 64 lower-case hex digits",
      "invalid-key-role.yml           | tenants[0].keys[0].role: must be push or read",
      "invalid-same-key-twice.yml     | tenants[0].keys[0].sha256: the same key is configured twice",
      "invalid-negative-grace.yml     | defaults.grace_seconds: must be greater than 0",
      "invalid-wrong-type.yml         | defaults.retire_after_days:",
      "invalid-listen.yml             | listen: must be HOST:PORT",
  })
  void eachInvalidFileIsRefusedNamingTheKey(String file, String expected) {
    assertThatThrownBy(() -> loader.load(fixture(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
