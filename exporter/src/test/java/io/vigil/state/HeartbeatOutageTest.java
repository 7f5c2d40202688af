package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.Heartbeat;
import io.vigil.model.Outage;
import io.vigil.store.HistoryScope;
import io.vigil.store.SqliteStore;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heartbeat that comes after the device had counted as unavailable (more than 3 intervals since the one before) is
 * stored with the outage it ends, in its own commit; heartbeats on time store nothing but the device's state.
 */
class HeartbeatOutageTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  static final Function<String, EntityLimits> LIMITS = tenant -> new EntityLimits(100, 100, 100);
  static final DeviceKey NVR01 = new DeviceKey("acme", "Dental", "nvr01");
  static final Duration INTERVAL = Duration.ofSeconds(30);
  static final Duration THRESHOLD = INTERVAL.multipliedBy(3);

  @TempDir
  Path dir;
  SqliteStore store;
  Recorder recorder;

  @BeforeEach
  void start() throws Exception {
    store = SqliteStore.open(dir);
    // The tenant's interval (for devices that declare none) is two minutes.
    recorder = new Recorder(store, new Fleet(), new TestClock(T0), 100, Duration.ofSeconds(30), polled -> { },
        tenant -> Duration.ofMinutes(2));
  }

  @AfterEach
  void stop() {
    recorder.close();
    store.close();
  }

  void beat(Instant at, Duration interval) {
    recorder.record(List.of(new Heartbeat(NVR01, at, interval, "Rec", "1")), LIMITS).await();
  }

  List<Outage> outages() throws Exception {
    return store.outages(HistoryScope.device(NVR01), Instant.EPOCH, T0.plus(Duration.ofDays(1)));
  }

  @Test
  void aGapOneSecondShortOfThreeIntervalsIsNoOutage() throws Exception {
    beat(T0, INTERVAL);
    beat(T0.plus(THRESHOLD).minusSeconds(1), INTERVAL);
    beat(T0.plus(THRESHOLD).minusSeconds(1).plus(THRESHOLD), INTERVAL);
    assertThat(outages()).isEmpty();
  }

  @Test
  void aGapOneSecondOverThreeIntervalsIsAnOutageFromTheEndOfTheThirdIntervalToTheHeartbeat() throws Exception {
    beat(T0, INTERVAL);
    beat(T0.plus(THRESHOLD).plusSeconds(1), INTERVAL);
    assertThat(outages()).containsExactly(new Outage(NVR01, T0.plus(THRESHOLD), T0.plus(THRESHOLD).plusSeconds(1)));
  }

  @Test
  void aDeviceThatDeclaresNoIntervalIsJudgedByItsTenantsInterval() throws Exception {
    beat(T0, null);
    beat(T0.plus(Duration.ofMinutes(6)), null);
    assertThat(outages()).as("6 minutes: exactly three of the tenant's 2-minute intervals").isEmpty();
    beat(T0.plus(Duration.ofMinutes(12)).plusSeconds(1), null);
    assertThat(outages()).containsExactly(new Outage(NVR01, T0.plus(Duration.ofMinutes(12)), T0.plus(Duration.ofMinutes(12)).plusSeconds(1)));
  }

  @Test
  void theFirstHeartbeatAndALateOneSentAgainOrOutOfOrderStoreNoOutage() throws Exception {
    beat(T0, INTERVAL);
    beat(T0.plus(Duration.ofHours(1)), INTERVAL);
    beat(T0.plus(Duration.ofHours(1)), INTERVAL);
    beat(T0.plus(Duration.ofMinutes(30)), INTERVAL);
    assertThat(outages()).containsExactly(new Outage(NVR01, T0.plus(THRESHOLD), T0.plus(Duration.ofHours(1))));
  }
}
