package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.JobResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsServerBackupParserTest {
  final WindowsServerBackupParser parser = new WindowsServerBackupParser();

  @Test
  void aTaskFailureMailFailsTheHostsBackup() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-task-failure.eml"))).containsExactly(
        new ParsedRun(null, "SRV-DC01", "Windows Server Backup", JobResult.FAILED, null, null, null, "A backup on SRV-DC01 has failed."));
  }

  @Test
  void aTaskSuccessMailIsASuccess() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-task-success.eml"))).containsExactly(new ParsedRun(null, "SRV-FS01",
        "Windows Server Backup", JobResult.SUCCESS, null, null, null, "A backup on SRV-FS01 has succeeded."));
  }

  @Test
  void aForwardedEventTakesItsResultFromTheEntryTypeAndItsMessage() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-event-warning.eml"))).containsExactly(new ParsedRun(null, "WS-RECEPTION",
        "Windows Server Backup", JobResult.WARNING, null, null, null, "Backup was cancelled."));
  }

  @Test
  void anErrorEventIsAFailure() throws NotUnderstood {
    Mail mail = new Mail("a@b", "SRV-DC01, The backup operation that started at '2026-11-30T01:00:00' has failed.", "<x>", null,
        "EntryType : Error\nMessage : The backup operation has failed with an error code '0x8078002A'.\nSource : Windows Backup\n",
        List.of());
    assertThat(parser.parse(mail)).extracting(ParsedRun::device, ParsedRun::result, ParsedRun::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SRV-DC01", JobResult.FAILED,
            "The backup operation has failed with an error code '0x8078002A'."));
  }

  @Test
  void aWindowsBackupEventWithoutAKnownEntryTypeIsNotUnderstood() {
    Mail mail = new Mail("a@b", "SRV-DC01, something", "<x>", null, "EntryType : 0\nSource : Windows Backup\n", List.of());
    assertThatThrownBy(() -> parser.parse(mail)).isInstanceOf(NotUnderstood.class).hasMessageContaining("EntryType");
  }

  @Test
  void otherMailsAreNotWindowsServerBackups() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("unknown-product.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("veeam-success-html.eml"))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "SRV-DC01, Backup done", "<x>", null, "EntryType : Error\nSource : Other app\n", List.of())))
        .as("an event of another source").isEmpty();
    assertThat(parser.parse(new Mail("a@b", "SRV-DC01 - Backup Started", "<x>", null, "", List.of()))).isEmpty();
  }
}
