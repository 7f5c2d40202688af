package io.vigil.store;

import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeliveryState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** The report delivery table's columns, the same in every SQL store, bound from and read back as records. */
final class DeliveryRows {
  static final String COLUMNS = "tenant, report, subject, period, state, attempts, until_at, sent_at, last_error, updated_at";
  static final String BY_KEY = "tenant = ? AND report = ? AND subject = ? AND period = ?";

  private DeliveryRows() {}

  /** A row of {@link #COLUMNS}. */
  static Delivery read(ResultSet rs) throws SQLException {
    return new Delivery(new DeliveryKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        DeliveryState.valueOf(rs.getString(5)), rs.getInt(6), instantOrNull(rs, 7), instantOrNull(rs, 8), rs.getString(9),
        Instant.ofEpochMilli(rs.getLong(10)));
  }

  /** Binds the key to the first four parameters ({@link #BY_KEY}). */
  static void bindKey(PreparedStatement ps, DeliveryKey key) throws SQLException {
    ps.setString(1, key.tenant());
    ps.setString(2, key.report());
    ps.setString(3, key.subject());
    ps.setString(4, key.period());
  }

  /** Binds every column of {@link #COLUMNS}, in its order. */
  static void bind(PreparedStatement ps, Delivery delivery) throws SQLException {
    bindKey(ps, delivery.key());
    ps.setString(5, delivery.state().name());
    ps.setInt(6, delivery.attempts());
    setMillis(ps, 7, delivery.until());
    setMillis(ps, 8, delivery.sentAt());
    ps.setString(9, delivery.lastError());
    ps.setLong(10, delivery.updatedAt().toEpochMilli());
  }

  private static void setMillis(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, at.toEpochMilli());
    }
  }

  private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
