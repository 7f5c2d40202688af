package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.JobResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VeeamParserTest {
  final VeeamParser parser = new VeeamParser();

  @Test
  void aSuccessReportGivesTheJobItsDurationAndTheBytesTransferred() {
    assertThat(parser.parse(Fixtures.read("veeam-success-html.eml"))).containsExactly(new ParsedRun(null, null, "Nightly SQL",
        JobResult.SUCCESS, Instant.parse("2026-11-30T02:00:30Z"), Instant.parse("2026-11-30T02:15:00Z"), 20_500_000_000L, "3 object(s)"));
  }

  @Test
  void aWarningCarriesItsIssues() {
    assertThat(parser.parse(Fixtures.read("veeam-warning-alternative.eml"))).containsExactly(new ParsedRun(null, null, "File server",
        JobResult.WARNING, Instant.parse("2026-11-30T02:00:00Z"), Instant.parse("2026-11-30T03:00:00Z"), 512_000_000L,
        "1 object(s), 1 warning"));
  }

  @Test
  void aFailureInLatin1KeepsItsAccentedJobName() {
    assertThat(parser.parse(Fixtures.read("veeam-failed-latin1.eml"))).containsExactly(new ParsedRun(null, null, "Compta été",
        JobResult.FAILED, Instant.parse("2026-11-30T03:55:00Z"), Instant.parse("2026-11-30T04:00:00Z"), null, "2 object(s), 1 error"));
  }

  @Test
  void otherSubjectsAreNotVeeams() {
    assertThat(parser.parse(new Mail("a@b", "[Success] no count", "<x>", null, "", List.of()))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "Backup Report CSV", "<x>", null, "", List.of()))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "[Done] Nightly (3 objects)", "<x>", null, "", List.of()))).isEmpty();
  }

  @Test
  void veeamBackupForAwsCountsInstances() {
    assertThat(parser.parse(new Mail("a@b", "[Failed] EC2 policy (12 instances)", "<x>", null, "", List.of())))
        .extracting(ParsedRun::job, ParsedRun::result).containsExactly(org.assertj.core.groups.Tuple.tuple("EC2 policy", JobResult.FAILED));
  }

  @Test
  void aVeeamAgentForLinuxMailFromVeeMailGivesTheHostItsJobDurationAndBytes() {
    assertThat(parser.parse(Fixtures.read("veeam-linux-veemail-warning.eml"))).containsExactly(new ParsedRun(null, "SRV-WEB01",
        "Backup Job SRV-WEB01", JobResult.WARNING, Instant.parse("2026-11-30T01:00:32Z"), Instant.parse("2026-11-30T01:20:12Z"),
        1_400_000_000L, null));
  }

  @Test
  void aVeeMailSubjectIsVeeamsOnlyWithVeeamAgentForLinuxInTheBody() {
    assertThat(parser.parse(new Mail("a@b", "[Failed] SRV-WEB01 - Monday, 30 November 2026 01:00:05", "<x>", null,
        "Agent Backup job: Backup Job SRV-WEB01\n", List.of()))).isEmpty();
    assertThat(parser.parse(new Mail("a@b", "[Failed] SRV-WEB01 - Monday", "<x>", null, "Veeam Agent for Linux\n", List.of())))
        .extracting(ParsedRun::device, ParsedRun::job, ParsedRun::result)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SRV-WEB01", "Veeam Agent for Linux", JobResult.FAILED));
  }
}
