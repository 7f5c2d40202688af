package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.JobResult;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ShadowProtectParserTest {
  final ShadowProtectParser parser = new ShadowProtectParser();

  @Test
  void aForwardedFailureEventFailsTheHostsShadowProtectJob() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("shadowprotect-event-failed.eml"))).containsExactly(new ParsedRun(null, "SRV-HOTEL01",
        "ShadowProtect", JobResult.FAILED, null, null, null, "The backup job \"Nightly C:\" failed."));
  }

  @Test
  void anSpxSuccessEventIsASuccessOfTheSpxJob() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("shadowprotect-spx-success.eml"))).containsExactly(new ParsedRun(null, "SRV-CLINIC02",
        "ShadowProtect SPX", JobResult.SUCCESS, null, null, null, "Backup job \"Hourly\" completed."));
  }

  @Test
  void eachDocumentedEventIdGivesItsResultAndAnAbortIsAFailure() throws NotUnderstood {
    assertThat(List.of(result("ShadowProtectSvc", 1120), result("ShadowProtectSvc", 1121), result("ShadowProtectSvc", 1122),
        result("ShadowProtectSPX", 3), result("ShadowProtectSPX", 4), result("ShadowProtectSPX", 5))).containsExactly(JobResult.SUCCESS,
        JobResult.FAILED, JobResult.FAILED, JobResult.SUCCESS, JobResult.FAILED, JobResult.FAILED);
  }

  @Test
  void anotherEventOfShadowProtectIsNotUnderstood() {
    assertThatThrownBy(() -> result("ShadowProtectSvc", 3)).isInstanceOf(NotUnderstood.class)
        .hasMessage("a ShadowProtectSvc event 3, none of the backup results 1120, 1121, 1122");
    assertThatThrownBy(() -> parser.parse(event("ShadowProtectSPX", "EntryType : Error\n"))).isInstanceOf(NotUnderstood.class)
        .hasMessage("a ShadowProtectSPX event without its InstanceId");
  }

  @Test
  void otherMailsAreNotShadowProtects() throws NotUnderstood {
    assertThat(parser.parse(Fixtures.read("wsb-event-warning.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("cove-event-warning.eml"))).isEmpty();
    assertThat(parser.parse(Fixtures.read("veeam-success-html.eml"))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "no host here", "<x>", null, "Source : ShadowProtectSvc\nInstanceId : 1120\n", List.of())))
        .as("a subject that names no host").isEmpty();
    assertThat(new WindowsServerBackupParser().parse(Fixtures.read("shadowprotect-event-failed.eml"))).as("not Windows Backup's").isEmpty();
  }

  @Test
  void theHostAndResultComeFromTheSubjectAndTheIdWhateverTheLineEndings() throws NotUnderstood {
    Mail crlf = new Mail("a@b", "SRV-9, x", "<x>", null, "EntryType : Warning\r\nInstanceId : 1073742944\r\nSource : ShadowProtectSvc\r\n",
        List.of());
    assertThat(parser.parse(crlf)).extracting(ParsedRun::device, ParsedRun::result, ParsedRun::message)
        .containsExactly(Tuple.tuple("SRV-9", JobResult.SUCCESS, "x"));
  }

  private JobResult result(String source, int id) throws NotUnderstood {
    return parser.parse(event(source, "InstanceId : " + id + "\n")).get(0).result();
  }

  private static Mail event(String source, String fields) {
    return new Mail("a@b", "SRV-01, message", "<x>", null, fields + "Source : " + source + "\n", List.of());
  }
}
