package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.model.DeliveryKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueReportTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static TenantConfig tenant(TenantReports reports) {
    return new TenantConfig("acme", "ACME", null, null, List.of()).withReports(reports);
  }

  static TenantReports digestAt(String time) {
    return new TenantReports(new TenantReports.DigestSchedule(time, List.of("noc@acme.example")), null, null, null);
  }

  static List<DeliveryKey> due(TenantReports reports, String now) {
    return DueReport.of(tenant(reports), BERLIN, Instant.parse(now)).stream().map(DueReport::key).toList();
  }

  @Test
  void theDigestIsDueFromItsTimeInTheTenantsZoneAndDatedThatDay() {
    // 07:30 in Berlin is 06:30 UTC in winter.
    assertThat(due(digestAt("07:30"), "2026-12-02T06:29:59Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-12-01"));
    assertThat(due(digestAt("07:30"), "2026-12-02T06:30:00Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-12-02"));
  }

  @Test
  void theDigestFollowsTheTenantsClockAcrossTheChangeToSummerTime() {
    // On 2026-03-29 Berlin moves from UTC+1 to UTC+2: 07:30 local is 05:30 UTC.
    assertThat(due(digestAt("07:30"), "2026-03-29T05:29:59Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-03-28"));
    assertThat(due(digestAt("07:30"), "2026-03-29T05:30:00Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-03-29"));
  }

  @Test
  void aDigestTimeSkippedByTheChangeToSummerTimeMovesOnByTheChange() {
    // 02:30 does not exist in Berlin on 2026-03-29; it is 03:30 local (01:30 UTC) that day.
    assertThat(due(digestAt("02:30"), "2026-03-29T01:29:59Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-03-28"));
    assertThat(due(digestAt("02:30"), "2026-03-29T01:30:00Z")).containsExactly(new DeliveryKey("acme", "daily", "", "2026-03-29"));
  }

  @Test
  void theMonthlyReportsOfTheMonthBeforeAreDueOnTheirDayToEachCustomer() {
    TenantReports reports = new TenantReports(null, new TenantReports.MonthlySchedule(3, "08:00"), null,
        List.of(new TenantReports.ReportRecipients("Dental", List.of("it@dental.example")),
            new TenantReports.ReportRecipients("Clinic", List.of("a@clinic.example", "b@clinic.example"))));
    assertThat(due(reports, "2026-12-03T06:59:59Z")).as("before the day: October's are the newest due")
        .containsExactly(new DeliveryKey("acme", "monthly", "Dental", "2026-10"), new DeliveryKey("acme", "monthly", "Clinic", "2026-10"));
    assertThat(DueReport.of(tenant(reports), BERLIN, Instant.parse("2026-12-03T07:00:00Z")))
        .extracting(DueReport::key, DueReport::recipients)
        .containsExactly(tuple(new DeliveryKey("acme", "monthly", "Dental", "2026-11"),
            List.of("it@dental.example")), tuple(new DeliveryKey("acme", "monthly", "Clinic", "2026-11"),
            List.of("a@clinic.example", "b@clinic.example")));
  }

  @Test
  void januarysSendingDayReportsDecember() {
    TenantReports reports = new TenantReports(null, new TenantReports.MonthlySchedule(1, "00:00"), null,
        List.of(new TenantReports.ReportRecipients("Dental", List.of("it@dental.example"))));
    assertThat(due(reports, "2026-12-31T23:00:00Z")).as("midnight of 1 January in Berlin")
        .containsExactly(new DeliveryKey("acme", "monthly", "Dental", "2026-12"));
  }

  @Test
  void aTenantWithoutSchedulesHasNothingDue() {
    assertThat(due(TenantReports.standard(), "2026-12-02T06:30:00Z")).isEmpty();
  }
}
