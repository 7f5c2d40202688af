package io.vigil.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the SQL stores bind a query and read its rows, and the history window both query the same way. */
final class SqlRows {
  private static final List<String> KEY_COLUMNS = List.of("tenant", "customer", "device", "job");

  private SqlRows() {}

  @FunctionalInterface
  interface Parameters {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Binds the statement's parameters, runs it and reads every row. */
  static <T> List<T> all(PreparedStatement ps, Parameters parameters, Row<T> row) throws SQLException {
    parameters.bind(ps);
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(row.read(rs));
      }
    }
    return rows;
  }

  /** The WHERE condition on the scope's key columns, to be followed by the time window's two parameters. */
  static String matching(HistoryScope scope) {
    return String.join(" AND ", KEY_COLUMNS.subList(0, scope.levels().size()).stream().map(column -> column + " = ?").toList());
  }

  /** Binds {@link #matching}'s key and then the window [from, to) in Unix milliseconds. */
  static Parameters window(HistoryScope scope, Instant from, Instant to) {
    return ps -> {
      List<String> levels = scope.levels();
      for (int i = 0; i < levels.size(); i++) {
        ps.setString(i + 1, levels.get(i));
      }
      ps.setLong(levels.size() + 1, from.toEpochMilli());
      ps.setLong(levels.size() + 2, to.toEpochMilli());
    };
  }
}
