package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.JobResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoveParserTest {
  final CoveParser parser = new CoveParser();

  @Test
  void aForwardedSessionEventWithExceptionsIsAWarningOfTheHost() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("cove-event-warning.eml"))).containsExactly(new ParsedRun(null, "SRV-APP02",
        "Cove Data Protection", JobResult.WARNING, null, null, null, "Backup session finished: CompletedWithErrors. Errors count: 3"));
  }

  @Test
  void eachDocumentedEventIdGivesItsResultWhateverTheEntryType() throws NotUnderstood {
    assertThat(List.of(result(105), result(108), result(102), result(103), result(106))).containsExactly(JobResult.SUCCESS,
        JobResult.WARNING, JobResult.FAILED, JobResult.FAILED, JobResult.FAILED);
  }

  @Test
  void anotherBackupManagerEventIsNotUnderstood() {
    assertThatThrownBy(() -> result(101)).isInstanceOf(NotUnderstood.class)
        .hasMessage("a Backup Manager event 101, none of the session results 102, 103, 105, 106, 108");
  }

  @Test
  void otherMailsAreNotCoves() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-event-warning.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("shadowprotect-event-failed.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("unknown-product.eml"))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "SRV-APP02, x", "<x>", null, "EntryType : Warning\nInstanceId : 108\n", List.of())))
        .as("an event that names no source").isEmpty();
  }

  private JobResult result(int id) throws NotUnderstood {
    Mail mail = new Mail("a@b", "SRV-APP02, session", "<x>", null,
        "EntryType : Information\nInstanceId : " + id + "\nSource : Backup Manager\n", List.of());
    return parser.parse(mail).get(0).result();
  }
}
