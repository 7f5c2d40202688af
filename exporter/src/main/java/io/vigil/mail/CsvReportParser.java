package io.vigil.mail;

import io.vigil.model.JobResult;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generic CSV report many MSP tools accept (Backup Radar, "Using Our Generic Parser - Multiple Backups"): the
 * subject starts with {@code Backup Report CSV} or {@code Backup CSV Report}; the first CSV attachment has the
 * columns {@code Device}, {@code Status}, {@code Backup Date} and optionally {@code Job} (empty: "Backup Report"),
 * {@code Client} and {@code Data Size}; headers are case sensitive. Statuses: Success, Successful, Finished, Normal;
 * Warning; Failure, Failed, Error, Fatal. A date without an offset is taken as UTC.
 */
final class CsvReportParser implements MailParser {
  static final int MAX_ROWS = 10_000;
  private static final Map<String, JobResult> STATUSES = Map.of("success", JobResult.SUCCESS, "successful", JobResult.SUCCESS,
      "finished", JobResult.SUCCESS, "normal", JobResult.SUCCESS, "warning", JobResult.WARNING, "failure", JobResult.FAILED,
      "failed", JobResult.FAILED, "error", JobResult.FAILED, "fatal", JobResult.FAILED);
  private static final List<DateTimeFormatter> LOCAL_DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("M/d/yyyy H:mm[:ss]"),
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm[:ss] a", Locale.ENGLISH));

  @Override
  public String product() {
    return "csv";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    String subject = mail.subject().toLowerCase(Locale.ROOT);
    if (!subject.startsWith("backup report csv") && !subject.startsWith("backup csv report")) {
      return List.of();
    }
    Optional<Mail.Attachment> csv = mail.attachments().stream().filter(Mail.Attachment::isCsv).findFirst();
    if (csv.isEmpty()) {
      throw new NotUnderstood("a CSV backup report needs a .csv attachment; the mail has none");
    }
    List<List<String>> rows = Csv.rows(csv.get().content(), MAX_ROWS + 1);
    if (rows.isEmpty()) {
      throw new NotUnderstood("the CSV attachment is empty");
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    int device = column(header, "Device", true);
    int status = column(header, "Status", true);
    int date = column(header, "Backup Date", true);
    int job = column(header, "Job", false);
    int client = column(header, "Client", false);
    int size = column(header, "Data Size", false);
    if (rows.size() > MAX_ROWS + 1) {
      throw new NotUnderstood("the CSV attachment has more than " + MAX_ROWS + " rows");
    }
    List<ParsedRun> runs = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      String where = "CSV row " + (r + 1) + ": ";
      JobResult result = STATUSES.get(cell(row, status).toLowerCase(Locale.ROOT));
      if (result == null) {
        throw new NotUnderstood(where + "Status '" + MimeReader.clean(cell(row, status)) + "' is none of Success, Successful,"
            + " Finished, Normal, Warning, Failure, Failed, Error, Fatal");
      }
      Instant at = time(cell(row, date));
      if (at == null) {
        throw new NotUnderstood(where + "Backup Date '" + MimeReader.clean(cell(row, date))
            + "' is not a date such as 2026-11-24 22:00:00");
      }
      String jobName = cell(row, job);
      String customer = cell(row, client);
      Long bytes = null;
      if (!cell(row, size).isEmpty()) {
        String[] parts = cell(row, size).split("\\s+", 2);
        bytes = Sizes.bytes(parts[0], parts.length > 1 ? parts[1] : "");
        if (bytes == null) {
          throw new NotUnderstood(where + "Data Size '" + MimeReader.clean(cell(row, size)) + "' is not a size such as 1024 or 2.5 GB");
        }
      }
      runs.add(new ParsedRun(customer.isEmpty() ? null : customer, emptyToNull(cell(row, device)),
          jobName.isEmpty() ? "Backup Report" : jobName, result, at, at, bytes, null));
    }
    if (runs.isEmpty()) {
      throw new NotUnderstood("the CSV attachment has a header but no rows");
    }
    return runs;
  }

  private static int column(List<String> header, String name, boolean required) throws NotUnderstood {
    int index = header.indexOf(name);
    if (index < 0 && required) {
      throw new NotUnderstood("the CSV attachment has no '" + name + "' column (required: Device, Status, Backup Date;"
          + " headers are case sensitive)");
    }
    return index;
  }

  private static String cell(List<String> row, int index) {
    return index >= 0 && index < row.size() ? row.get(index).strip() : "";
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static Instant time(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // No offset: one of the local forms below, in UTC.
    }
    for (DateTimeFormatter format : LOCAL_DATES) {
      try {
        return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // Try the next form.
      }
    }
    return null;
  }
}
