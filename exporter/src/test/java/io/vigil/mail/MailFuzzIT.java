package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.config.LiveConfig;
import io.vigil.config.MailAddressConfig;
import io.vigil.config.MailRuleConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.TenantMail;
import io.vigil.config.VigilConfig;
import io.vigil.model.JobRun;
import io.vigil.model.Report;
import io.vigil.push.PushParser;
import io.vigil.state.FakeRecording;
import io.vigil.testsupport.FuzzRun;
import io.vigil.testsupport.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of what a mail goes through between DATA and the write: MIME reading, every
 * parser (a tenant rule included), the mapping and the push validation. Whatever the bytes, the result is a
 * {@link MailResult} (nothing thrown, so the SMTP client only ever hears a proper reply), and a mail is written as
 * one unit or not at all: one record of the tenant's own reports, or one unparsed mail. Inputs are raw messages,
 * stored under src/test/resources/io/vigil/mail/MailFuzzITInputs/mails (the fixtures seed it).
 */
class MailFuzzIT {
  private static final FuzzRun RUN = new FuzzRun("mails");
  private static final Mailbox MAILBOX = new Mailbox("acme", null);
  private static final FakeRecording RECORDING = new FakeRecording();
  private static final MailIngest INGEST = ingest(RECORDING);

  private static MailIngest ingest(FakeRecording recording) {
    MailRuleConfig rule = new MailRuleConfig("box", "@", "job \"(?<job>[^\"]+)\" on host (?<device>\\S+) finished: (?<status>\\w+)",
        "Customer: (?<customer>.+)", null, null, null, Map.of("COMPLETED_OK", "success"));
    TenantConfig acme = new TenantConfig("acme", null, null, null, List.of())
        .withMail(new TenantMail(List.of(new MailAddressConfig("b@vigil.test", null)), List.of(rule)));
    VigilConfig config = new VigilConfig("127.0.0.1:0", "data", List.of(), null, null, List.of(acme));
    TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
    return new MailIngest(new LiveConfig(config, null), new PushParser(() -> config.limits(), clock), recording, clock);
  }

  @DictionaryFile(resourcePath = "/io/vigil/mail.dict")
  @FuzzTest(maxDuration = "20s")
  void mails(byte[] input) throws MailRefused {
    RUN.input();
    int records = RECORDING.recorded().size();
    int unparsed = RECORDING.unparsed().size();
    MailResult result = INGEST.ingest(MAILBOX, INGEST.read(input, "sender@example.net"));
    assertThat(result).isIn(MailResult.ACCEPTED, MailResult.UNPARSED);
    if (result == MailResult.ACCEPTED) {
      assertThat(RECORDING.recorded()).as("one atomic write per mail").hasSize(records + 1);
      List<Report> reports = RECORDING.recorded().get(records);
      assertThat(reports).isNotEmpty().allSatisfy(report ->
          assertThat(((JobRun) report).key().tenant()).as("the mailbox's tenant").isEqualTo("acme"));
      assertThat(RECORDING.unparsed()).hasSize(unparsed);
    } else {
      assertThat(RECORDING.recorded()).as("no reports of an unparsed mail").hasSize(records);
      assertThat(RECORDING.unparsed()).hasSize(unparsed + 1);
      assertThat(RECORDING.unparsed().get(unparsed).reason()).isNotBlank();
    }
    RECORDING.clear();
  }

  @AfterAll
  static void fuzzed() {
    RUN.assertFuzzed();
  }
}
