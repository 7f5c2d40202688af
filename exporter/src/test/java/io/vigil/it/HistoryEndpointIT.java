package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.KeyRole;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules and nightly history through a real exporter: back-dated runs pushed over HTTP (a weekly job's schedule in
 * its reports), its scrape, and GET /tenants/{account}/history. acme's nights are Berlin's, from 06:00.
 */
class HistoryEndpointIT {
  static final String JOBS = "/api/v1/job-reports";
  static final String WEEKLY = """
      , "schedule": {"days": ["sat"], "window_start": "01:00", "window_end": "05:00", "grace_seconds": 3600}}""";

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z")); // Monday
  final ObjectMapper json = new ObjectMapper();
  RunningExporter exporter;

  @BeforeEach
  void start() throws Exception {
    VigilConfig base = RunningExporter.config(dir);
    TenantConfig acme = new TenantConfig("acme", "ACME MSP", null, null,
        List.of(RunningExporter.key(KeyRole.PUSH, "acme-push"), RunningExporter.key(KeyRole.READ, "acme-read")), null, null, null, null,
        null, "Europe/Berlin", null, null);
    exporter = RunningExporter.start(new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null,
        List.of(acme, base.tenant("globex").orElseThrow())), null, clock);
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  void push(String job, String runId, String status, String end, String extra) throws Exception {
    String body = jobReport("Dental", "fs01", job, runId, status, Instant.parse(end));
    exporter.push(JOBS, "acme-push", extra == null ? body : body.substring(0, body.lastIndexOf('}')) + extra);
  }

  void seed() throws Exception {
    push("nightly", "n1", "success", "2026-11-26T01:00:00Z", null); // night of the 25th
    push("nightly", "n2", "failed", "2026-11-27T01:00:00Z", null); // 26th
    push("nightly", "n3", "success", "2026-11-28T00:30:00Z", null); // 27th, mixed
    push("nightly", "n4", "failed", "2026-11-28T02:00:00Z", null);
    push("weekly", "w1", "success", "2026-11-21T02:00:00Z", WEEKLY); // Saturday 03:00 Berlin: night of Friday the 20th
    push("weekly", "w2", "success", "2026-11-28T02:00:00Z", WEEKLY); // night of the 27th
    push("weekly-late", "l1", "success", "2026-11-21T02:00:00Z", WEEKLY);
  }

  @Test
  void weeklyJobIsOkOnItsOffDaysAndMissedAfterItsWindow() throws Exception {
    seed();
    Exposition metrics = exporter.metrics();
    assertThat(metrics.jobStatus("backup_job", "weekly")).as("Monday: not due until Saturday").isEqualTo("ok");
    assertThat(metrics.jobStatus("backup_job", "weekly-late")).isEqualTo("missed");
    assertThat(metrics.jobStatus("backup_job", "nightly")).as("no schedule: the grace rule").isEqualTo("overdue");
    assertThat(metrics.value("vigil_job_missed_runs_total", "backup_job", "weekly-late")).isEqualTo(1);
    assertThat(metrics.value("vigil_job_missed_runs_total", "backup_job", "weekly")).isZero();
    assertThat(metrics.find("vigil_job_missed_runs_total", "backup_job", "nightly")).as("unscheduled jobs have none").isEmpty();
    assertThat(metrics.value("vigil_job_next_expected_run_timestamp_seconds", "backup_job", "weekly"))
        .as("Saturday 5 December 01:00 Berlin").isEqualTo(Instant.parse("2026-12-05T00:00:00Z").getEpochSecond());
    assertThat(metrics.value("vigil_job_grace_seconds", "backup_job", "weekly")).as("the schedule's grace").isEqualTo(3600);
    Promtool.assertValidExposition(metrics.text());
  }

  @Test
  void historyGivesEachJobsNightsAndTheSuccessRates() throws Exception {
    seed();
    HttpResponse<String> response = exporter.get("/tenants/acme/history?customer=Dental&from=2026-11-25&to=2026-11-30", "acme-read");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(body.get("day_start").asText()).isEqualTo("06:00");
    assertThat(body.get("roll_up").asText()).isEqualTo("mixed");
    JsonNode jobs = body.get("jobs");
    assertThat(jobs).extracting(j -> j.get("job").asText()).containsExactly("nightly", "weekly", "weekly-late");
    assertThat(results(jobs.get(0))).containsExactly("success", "failed", "warning", "missed", "missed", "pending");
    assertThat(results(jobs.get(1))).containsExactly("not_scheduled", "not_scheduled", "success", "not_scheduled", "not_scheduled",
        "not_scheduled");
    assertThat(results(jobs.get(2))).containsExactly("not_scheduled", "not_scheduled", "missed", "not_scheduled", "not_scheduled",
        "not_scheduled");
    assertThat(jobs.get(0).get("success_rate").get("rate").asDouble()).isEqualTo(0.2);
    assertThat(body.get("customers").get(0).get("success_rate").get("successful_days").asInt()).isEqualTo(2);
    assertThat(body.get("customers").get(0).get("success_rate").get("expected_days").asInt()).isEqualTo(7);
    assertThat(body.get("devices").get(0).get("device").asText()).isEqualTo("fs01");
    assertThat(body.get("success_rate").get("expected_days").asInt()).isEqualTo(7);
  }

  @Test
  void badParametersGetAClearBadRequest() throws Exception {
    expectBadRequest("from=2026-11-31&to=2026-12-01", "from and to must be days YYYY-MM-DD");
    expectBadRequest("from=yesterday", "from and to must be days YYYY-MM-DD");
    expectBadRequest("from=2026-11-20&to=2026-11-19", "from (2026-11-20) must not be after to (2026-11-19)");
    expectBadRequest("from=2025-11-29&to=2026-11-30", "is 367 nights; ask for at most 366");
    assertThat(exporter.get("/tenants/acme/history?from=2025-11-30&to=2026-11-30", "acme-read").statusCode())
        .as("366 nights").isEqualTo(200);
    assertThat(exporter.get("/tenants/acme/history", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aBadScheduleInAReportIsRefusedNamingTheField() throws Exception {
    String body = jobReport("Dental", "fs01", "weekly", "w9", "success", clock.instant().minusSeconds(60));
    HttpResponse<String> response = exporter.post(JOBS, "acme-push", body.substring(0, body.lastIndexOf('}'))
        + ", \"schedule\": {\"cron\": \"61 2 * * *\", \"time_zone\": \"Nowhere/Else\"}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("schedule.cron", "schedule.time_zone");
    assertThat(exporter.metrics().find("vigil_job_status", "backup_job", "weekly")).as("nothing was recorded").isEmpty();
  }

  void expectBadRequest(String query, String message) throws Exception {
    HttpResponse<String> response = exporter.get("/tenants/acme/history?" + query, "acme-read");
    assertThat(response.statusCode()).as(query).isEqualTo(400);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("bad_request");
    assertThat(body.get("message").asText()).as(query).contains(message);
  }

  static List<String> results(JsonNode job) {
    List<String> results = new ArrayList<>();
    job.get("nights").forEach(n -> results.add(n.get("result").asText()));
    return results;
  }
}
