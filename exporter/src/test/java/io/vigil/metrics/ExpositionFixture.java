package io.vigil.metrics;

import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** What the byte-equality tests of the direct writers share: a fixed clock, label values to pick from, a configuration. */
final class ExpositionFixture {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Few distinct values, so that series often differ by one label only, plus UTF-8 and every character that needs escaping. */
  static final List<String> NAMES = List.of("a", "b", "Zahnarzt Müller", "say \"hi\"", "back\\slash", "two\nlines", "");

  private ExpositionFixture() {}

  static LiveConfig config(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("vigil.yml");
    Files.writeString(file, yaml);
    return new LiveConfig(new ConfigLoader().load(file), null);
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
