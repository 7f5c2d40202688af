package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.MailRuleConfig;
import io.vigil.model.JobResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParserTest {
  static final MailRuleConfig BACKUPBOX = new MailRuleConfig("backupbox", "@backupbox\\.example$",
      "job \"(?<job>[^\"]+)\" on host (?<device>\\S+) finished: (?<status>\\w+)", "Customer: (?<customer>.+)", null, null, null,
      Map.of("completed_ok", "success", "COMPLETED_WARN", "warning", "FAILED", "failed"));

  @Test
  void namedGroupsGiveTheReportAndTheStatusWordIsLookedUpIgnoringCase() throws Exception {
    assertThat(new RuleParser(BACKUPBOX).parse(Fixtures.read("unknown-product.eml"))).containsExactly(new ParsedRun("Delta Logistics",
        "LT-042", "Laptops", JobResult.SUCCESS, null, Instant.parse("2026-11-30T06:00:00Z"), null, null));
  }

  @Test
  void aRuleWhoseExpressionsDoNotAllMatchIsNotForThisMail() throws Exception {
    MailRuleConfig otherSender = new MailRuleConfig(null, "@elsewhere\\.example$", BACKUPBOX.subject(), null, null, null, null,
        BACKUPBOX.statuses());
    assertThat(new RuleParser(otherSender).parse(Fixtures.read("unknown-product.eml"))).isEmpty();
  }

  @Test
  void fixedValuesStandInForMissingGroups() throws Exception {
    MailRuleConfig fixed = new MailRuleConfig(null, null, "finished: (?<status>\\w+)", null, "Acme", "nas01", "offsite",
        Map.of("COMPLETED_OK", "success"));
    assertThat(new RuleParser(fixed).parse(Fixtures.read("unknown-product.eml")))
        .extracting(ParsedRun::customer, ParsedRun::device, ParsedRun::job)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Acme", "nas01", "offsite"));
  }

  @Test
  void aStatusWordOutsideTheTableIsNotUnderstood() {
    MailRuleConfig strict = new MailRuleConfig("strict", null, BACKUPBOX.subject(), null, null, null, null, Map.of("DONE", "success"));
    assertThatThrownBy(() -> new RuleParser(strict).parse(Fixtures.read("unknown-product.eml"))).isInstanceOf(NotUnderstood.class)
        .hasMessage("rule 'strict': the status 'COMPLETED_OK' is not in its statuses [done]");
  }
}
