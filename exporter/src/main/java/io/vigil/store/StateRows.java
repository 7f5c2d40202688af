package io.vigil.store;

import io.vigil.model.DeviceState;
import io.vigil.model.JobState;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.PolledConnector;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The current-state tables, the same in every SQL store, read back whole at start. */
final class StateRows {
  private StateRows() {}

  /**
   * Adds every stored job and device state and connector poll to the lists, counting each state against the heap;
   * {@code live} is the condition a state row must meet ({@code "TRUE"}, or a store's own for retired rows it keeps).
   */
  static void load(Statement st, StateCodec codec, HeapGuard heap, String live, List<JobState> jobs, List<DeviceState> devices,
      List<PolledConnector> connectors) throws SQLException, StoreException {
    try {
      try (ResultSet rs = st.executeQuery("SELECT state FROM job_state WHERE " + live)) {
        while (rs.next()) {
          jobs.add(codec.job(rs.getString(1)));
          heap.loaded();
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT state FROM device_state WHERE " + live)) {
        while (rs.next()) {
          devices.add(codec.device(rs.getString(1)));
          heap.loaded();
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT tenant, connector, status, last_good FROM connector_poll")) {
        while (rs.next()) {
          connectors.add(codec.polled(new ConnectorKey(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (OutOfMemoryError e) {
      jobs.clear();
      devices.clear();
      throw heap.outOfMemory();
    }
  }
}
