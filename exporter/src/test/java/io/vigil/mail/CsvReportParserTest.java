package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.JobResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportParserTest {
  final CsvReportParser parser = new CsvReportParser();

  static Mail csv(String content) {
    return new Mail("r@rmm.example", "Backup Report CSV", "<c>", null, "", List.of(new Mail.Attachment("r.csv", "text/csv", content)));
  }

  @Test
  void eachRowOfTheFirstCsvAttachmentIsARun() throws Exception {
    assertThat(parser.parse(Fixtures.read("csv-report.eml"))).containsExactly(
        new ParsedRun("Granite Bank", "SRV-DC01", "System State", JobResult.SUCCESS, Instant.parse("2026-11-30T01:00:00Z"),
            Instant.parse("2026-11-30T01:00:00Z"), 1_500_000_000L, null),
        new ParsedRun("Granite Bank", "SRV-FS01", "Backup Report", JobResult.FAILED, Instant.parse("2026-11-30T01:30:00Z"),
            Instant.parse("2026-11-30T01:30:00Z"), null, null),
        new ParsedRun("Harbor Hotel", "WS-07, Front desk", "Documents", JobResult.WARNING, Instant.parse("2026-11-30T02:00:00Z"),
            Instant.parse("2026-11-30T02:00:00Z"), 2048L, null));
  }

  @Test
  void everyDocumentedStatusWordIsRead() throws Exception {
    StringBuilder rows = new StringBuilder("Device,Status,Backup Date\n");
    List<String> words = List.of("Success", "Successful", "Finished", "Normal", "Warning", "Failure", "Failed", "Error", "Fatal");
    words.forEach(word -> rows.append("d,").append(word).append(",2026-11-30 01:00\n"));
    assertThat(parser.parse(csv(rows.toString())).stream().map(ParsedRun::result).toList()).containsExactly(JobResult.SUCCESS,
        JobResult.SUCCESS, JobResult.SUCCESS, JobResult.SUCCESS, JobResult.WARNING, JobResult.FAILED, JobResult.FAILED,
        JobResult.FAILED, JobResult.FAILED);
  }

  @Test
  void headersAreCaseSensitiveAsDocumented() {
    assertThatThrownBy(() -> parser.parse(csv("device,Status,Backup Date\nd,Success,2026-11-30 01:00\n")))
        .isInstanceOf(NotUnderstood.class).hasMessageContaining("no 'Device' column");
  }

  @Test
  void anUnknownStatusNamesItsRow() {
    assertThatThrownBy(() -> parser.parse(csv("Device,Status,Backup Date\nd,Success,2026-11-30 01:00\nd,Meh,2026-11-30 01:00\n")))
        .isInstanceOf(NotUnderstood.class).hasMessageStartingWith("CSV row 3: Status 'Meh' is none of");
  }

  @Test
  void aReportWithoutCsvAttachmentIsNotUnderstood() {
    assertThatThrownBy(() -> parser.parse(new Mail("r@x", "Backup CSV Report", "<c>", null, "Device,Status", List.of())))
        .isInstanceOf(NotUnderstood.class).hasMessageContaining("needs a .csv attachment");
  }

  @Test
  void otherSubjectsAreNotCsvReports() throws Exception {
    assertThat(parser.parse(new Mail("r@x", "Report CSV", "<c>", null, "", List.of()))).isEmpty();
  }
}
