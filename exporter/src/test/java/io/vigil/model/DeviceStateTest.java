package io.vigil.model;

import static io.vigil.model.StatusRulesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceStateTest {
  static final DeviceKey KEY = new DeviceKey("acme", "Dental", "nvr01");

  static ErrorEvent event(DeviceError error, boolean raised, long atSeconds, ClearedBy clearedBy) {
    return new ErrorEvent(KEY, error, raised, T0.plusSeconds(atSeconds), "m", clearedBy);
  }

  static Heartbeat heartbeat(long atSeconds) {
    return new Heartbeat(KEY, T0.plusSeconds(atSeconds), null, null, null);
  }

  @Test
  void theFirstHeartbeatIsTheOldestOneEvenWhenAnOlderOneArrivesLater() {
    DeviceState device = DeviceState.empty(KEY, T0).apply(event(DeviceError.DISK_FULL, true, 0, ClearedBy.EVENT), T0);
    assertThat(device.firstHeartbeat()).as("only an event so far").isNull();
    device = device.apply(heartbeat(100), T0).apply(heartbeat(200), T0);
    assertThat(device.firstHeartbeat()).isEqualTo(T0.plusSeconds(100));
    assertThat(device.apply(heartbeat(50), T0).firstHeartbeat()).isEqualTo(T0.plusSeconds(50));
  }

  @Test
  void anErrorStaysActiveUntilAClearedEvent() {
    DeviceState device = DeviceState.empty(KEY, T0)
        .apply(event(DeviceError.DISK_FULL, true, 0, ClearedBy.EVENT), T0)
        .apply(heartbeat(30), T0);
    assertThat(device.active(DeviceError.DISK_FULL)).as("a heartbeat does not clear it").isTrue();
    device = device.apply(event(DeviceError.DISK_FULL, false, 60, ClearedBy.EVENT), T0);
    assertThat(device.active(DeviceError.DISK_FULL)).isFalse();
  }

  @Test
  void anErrorMarkedClearedByHeartbeatEndsWithTheNextHeartbeat() {
    DeviceState device = DeviceState.empty(KEY, T0).apply(event(DeviceError.CAMERA_UNREACHABLE, true, 100, ClearedBy.HEARTBEAT), T0);
    assertThat(device.apply(heartbeat(50), T0).active(DeviceError.CAMERA_UNREACHABLE)).as("older heartbeat").isTrue();
    assertThat(device.apply(heartbeat(130), T0).active(DeviceError.CAMERA_UNREACHABLE)).isFalse();
  }

  @Test
  void anOlderEventDoesNotUndoANewerOne() {
    DeviceState device = DeviceState.empty(KEY, T0)
        .apply(event(DeviceError.DISK_FULL, true, 100, ClearedBy.EVENT), T0)
        .apply(event(DeviceError.DISK_FULL, false, 50, ClearedBy.EVENT), T0);
    assertThat(device.active(DeviceError.DISK_FULL)).isTrue();
  }

  @Test
  void theNewestHeartbeatWinsWhateverTheOrderOfArrival() {
    DeviceState device = DeviceState.empty(KEY, T0).apply(heartbeat(100), T0).apply(heartbeat(40), T0);
    assertThat(device.lastHeartbeat()).isEqualTo(T0.plusSeconds(100));
  }
}
