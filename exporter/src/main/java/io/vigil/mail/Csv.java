package io.vigil.mail;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" for a quote), CRLF or LF line ends. */
final class Csv {
  private Csv() {}

  /** The rows, blank lines skipped; at most {@code maxRows}. */
  static List<List<String>> rows(String text, int maxRows) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = text.startsWith("\ufeff") ? 1 : 0;
    for (; i < text.length() && rows.size() < maxRows; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        end(rows, row, field);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (rows.size() < maxRows) {
      end(rows, row, field);
    }
    return rows;
  }

  private static void end(List<List<String>> rows, List<String> row, StringBuilder field) {
    row.add(field.toString());
    field.setLength(0);
    if (!(row.size() == 1 && row.get(0).isBlank())) {
      rows.add(row);
    }
  }
}
