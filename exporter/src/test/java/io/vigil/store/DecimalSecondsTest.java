package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State documents keep the form JavaTimeModule wrote before, so stores written by earlier versions read back the same. */
class DecimalSecondsTest {
  private final ObjectMapper javaTime = JsonMapper.builder().addModule(new JavaTimeModule()).build();
  private final ObjectMapper decimal = JsonMapper.builder().addModule(new JavaTimeModule()).addModule(DecimalSeconds.module()).build();

  private static final List<Instant> INSTANTS = List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 5), Instant.ofEpochSecond(1796057275),
      Instant.ofEpochSecond(1796057275, 280264910), Instant.ofEpochSecond(1796057275, 1), Instant.ofEpochSecond(1796057275, 100_000_000),
      Instant.ofEpochSecond(4102444800L, 999_999_999));
  private static final List<Duration> DURATIONS = List.of(Duration.ZERO, Duration.ofSeconds(60), Duration.ofMillis(1500),
      Duration.ofDays(400), Duration.ofNanos(7));

  record Times(Instant at, Duration interval) {}

  @Test
  void writesWhatJavaTimeModuleWrote() throws Exception {
    for (Instant at : INSTANTS) {
      for (Duration interval : DURATIONS) {
        Times times = new Times(at, interval);
        assertThat(decimal.writeValueAsString(times)).isEqualTo(javaTime.writeValueAsString(times));
      }
    }
  }

  @Test
  void readsEveryFormBackExactly() throws Exception {
    for (Instant at : INSTANTS) {
      for (Duration interval : DURATIONS) {
        String document = javaTime.writeValueAsString(new Times(at, interval));
        assertThat(decimal.readValue(document, Times.class)).isEqualTo(new Times(at, interval));
      }
    }
    assertThat(decimal.readValue("{\"at\":1796057275,\"interval\":60}", Times.class))
        .isEqualTo(new Times(Instant.ofEpochSecond(1796057275), Duration.ofSeconds(60)));
    assertThat(decimal.readValue("{\"at\":1796057275.5,\"interval\":0.25}", Times.class))
        .isEqualTo(new Times(Instant.ofEpochSecond(1796057275, 500_000_000), Duration.ofMillis(250)));
    for (String other : List.of("\"2026-11-30T10:15:30.5Z\"", "1.7960572755E9", "-1.500000000")) {
      String document = "{\"at\":" + other + "}";
      assertThat(decimal.readValue(document, Times.class)).as(other).isEqualTo(javaTime.readValue(document, Times.class));
    }
    assertThat(decimal.readValue("{\"interval\":\"PT1M\"}", Times.class).interval()).isEqualTo(Duration.ofMinutes(1));
  }
}
