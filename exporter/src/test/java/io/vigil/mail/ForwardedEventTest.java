package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedEventTest {
  @Test
  void theFieldsOfAFormatListEventAreRead() {
    assertThat(ForwardedEvent.of(Fixtures.read("wsb-event-warning.eml"))).contains(new ForwardedEvent("WS-RECEPTION",
        "Backup was cancelled.", "Windows Backup", "Warning", 4099, "Backup was cancelled."));
  }

  @Test
  void theEventIdIsTheLow16BitsOfTheInstanceId() {
    assertThat(ForwardedEvent.of(Fixtures.read("shadowprotect-event-failed.eml")).orElseThrow().eventId()).isEqualTo(1121);
  }

  @Test
  void aMailWithoutAnEventSourceOrAHostInItsSubjectIsNoForwardedEvent() {
    assertThat(ForwardedEvent.of(new Mail("a@b", "SRV-01, x", "<x>", null, "EntryType : Error\n", List.of()))).isEmpty();
    assertThat(ForwardedEvent.of(new Mail("a@b", "(SRV-01) x", "<x>", null, "Source : Windows Backup\n", List.of()))).isEmpty();
  }

  @Test
  void aBodyOfBlankLinesIsReadInLinearTime() {
    Mail hostile = new Mail("a@b", "SRV-01, x", "<x>", null, "\n".repeat(MimeReader.MAX_TEXT), List.of());
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      assertThat(new WindowsServerBackupParser().parse(hostile)).isEmpty();
      assertThat(new ShadowProtectParser().parse(hostile)).isEmpty();
      assertThat(new CoveParser().parse(hostile)).isEmpty();
      assertThat(new BackupAssistParser().parse(hostile)).isEmpty();
    });
  }
}
