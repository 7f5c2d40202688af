package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.JobResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupAssistParserTest {
  final BackupAssistParser parser = new BackupAssistParser();

  @Test
  void aForwardedErrorEventFailsTheHostsBackupAssistJob() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("backupassist-event-error.eml"))).containsExactly(new ParsedRun(null, "SRV-BANK03",
        "BackupAssist", JobResult.FAILED, null, null, null,
        "Job \"Daily System Protection\" failed: the backup destination could not be found."));
  }

  @Test
  void theEntryTypeGivesTheResult() throws NotUnderstood {
    assertThat(List.of(result("Information"), result("Warning"), result("Error"))).containsExactly(JobResult.SUCCESS,
        JobResult.WARNING, JobResult.FAILED);
    assertThatThrownBy(() -> result("Verbose")).isInstanceOf(NotUnderstood.class)
        .hasMessage("a BackupAssist event of an unknown EntryType");
  }

  @Test
  void otherMailsAreNotBackupAssists() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-event-warning.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("shadowprotect-event-failed.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("csv-report.eml"))).isEmpty();
  }

  private JobResult result(String entryType) throws NotUnderstood {
    Mail mail = new Mail("a@b", "SRV-BANK03, job", "<x>", null, "EntryType : " + entryType + "\nSource : BackupAssist\n", List.of());
    return parser.parse(mail).get(0).result();
  }
}
