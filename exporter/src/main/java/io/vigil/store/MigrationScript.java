package io.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A numbered schema migration shipped in the jar, split into its statements (comments dropped). */
final class MigrationScript {
  private MigrationScript() {}

  static List<String> statements(String resource) throws SQLException {
    try (InputStream in = MigrationScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SQLException("migration " + resource + " is missing from the jar");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
      List<String> result = new ArrayList<>();
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          result.add(sql.strip());
        }
      }
      return result;
    } catch (IOException e) {
      throw new SQLException("cannot read migration " + resource, e);
    }
  }
}
