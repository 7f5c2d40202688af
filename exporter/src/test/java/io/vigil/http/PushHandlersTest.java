package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeviceKey;
import io.vigil.model.EntityKind;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobRun;
import io.vigil.push.PushKind;
import io.vigil.state.FakeRecording;
import io.vigil.state.LimitExceeded;
import io.vigil.state.Outcome;
import io.vigil.state.Retired;
import io.vigil.testsupport.Pushes;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The push and retire handlers against a fake recorder: what reaches it, how each outcome is answered and counted. */
class PushHandlersTest {
  private static final String JOB_REPORT = Pushes.jobReport("Dental", "fs01", "nightly", "r1", "success", RoutesFixture.NOW);

  @RegisterExtension
  final RoutesFixture routes = new RoutesFixture();

  @Test
  void aValidReportIsRecordedForTheKeysTenantAndAnsweredWithTheOutcome() throws Exception {
    HttpResponse<String> push = routes.post(PushKind.JOB_REPORT.path(), "acme-push", JOB_REPORT);

    assertThat(push.statusCode()).isEqualTo(200);
    assertThat(push.body()).contains("\"accepted\":1").contains("\"duplicates\":0");
    assertThat(routes.recorder.recorded()).singleElement().satisfies(reports -> assertThat(reports).singleElement()
        .isInstanceOfSatisfying(JobRun.class, run -> assertThat(run.key().tenant()).isEqualTo("acme")));
    assertThat(routes.pushes("acme", PushKind.JOB_REPORT, "accepted")).isEqualTo(1);
  }

  @Test
  void aBatchIsRecordedAsOneWrite() throws Exception {
    String batch = "{\"items\": [" + Pushes.withType("job_report", JOB_REPORT) + ", "
        + Pushes.withType("heartbeat", Pushes.heartbeat("Dental", "nvr01", 60)) + "]}";

    HttpResponse<String> push = routes.post(PushKind.BATCH.path(), "acme-push", batch);

    assertThat(push.statusCode()).isEqualTo(200);
    assertThat(routes.recorder.recorded()).singleElement().satisfies(reports -> assertThat(reports)
        .hasExactlyElementsOfTypes(JobRun.class, Heartbeat.class));
    assertThat(routes.pushes("acme", PushKind.BATCH, "accepted")).isEqualTo(1);
  }

  @Test
  void anInvalidBodyNeverReachesTheRecorder() throws Exception {
    HttpResponse<String> push = routes.post(PushKind.JOB_REPORT.path(), "acme-push", JOB_REPORT.replace("success", "fine"));

    assertThat(push.statusCode()).isEqualTo(400);
    assertThat(routes.json(push).get("problems").get(0).get("field").asText()).isEqualTo("status");
    assertThat(routes.recorder.recorded()).isEmpty();
    assertThat(routes.pushes("acme", PushKind.JOB_REPORT, "rejected")).isEqualTo(1);
  }

  @Test
  void aWriteTheStoreCouldNotSaveIs503WithRetryAfter() throws Exception {
    routes.recorder.failWith("the disk is full");

    HttpResponse<String> push = routes.post(PushKind.JOB_REPORT.path(), "acme-push", JOB_REPORT);

    assertThat(push.statusCode()).isEqualTo(503);
    assertThat(push.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(routes.json(push).get("message").asText()).isEqualTo("the disk is full; nothing was acknowledged, send it again");
    assertThat(routes.pushes("acme", PushKind.JOB_REPORT, "unavailable")).isEqualTo(1);
  }

  @Test
  void aPushBeyondAnEntityLimitIs422NamingTheLimit() throws Exception {
    routes.recorder.answer(new Outcome(0, 0, new LimitExceeded("acme", EntityKind.JOB, 10, 10, 1)));

    HttpResponse<String> push = routes.post(PushKind.JOB_REPORT.path(), "acme-push", JOB_REPORT);

    assertThat(push.statusCode()).isEqualTo(422);
    assertThat(routes.json(push).get("limit").get("limit").asInt()).isEqualTo(10);
    assertThat(routes.json(push).get("limit").get("kind").asText()).isEqualTo("job");
    assertThat(routes.pushes("acme", PushKind.JOB_REPORT, "rejected")).isEqualTo(1);
  }

  @Test
  void aReSentRunIsAnsweredAsADuplicate() throws Exception {
    routes.recorder.answer(new Outcome(0, 1, null));

    HttpResponse<String> push = routes.post(PushKind.JOB_REPORT.path(), "acme-push", JOB_REPORT);

    assertThat(push.statusCode()).isEqualTo(200);
    assertThat(push.body()).contains("\"accepted\":0").contains("\"duplicates\":1");
  }

  @Test
  void retireAsksForTheDeviceInTheKeysTenantWithNamesAsTheyAreKept() throws Exception {
    routes.recorder.retires(new Retired(2, 1));

    HttpResponse<String> retire = routes.post(PushKind.RETIRE.path(), "acme-push", "{\"customer\": \"Cafe\u0301\", \"device\": \"fs01\"}");

    assertThat(retire.statusCode()).isEqualTo(200);
    assertThat(retire.body()).contains("\"retired_jobs\":2").contains("\"retired_devices\":1");
    assertThat(routes.recorder.retirements()).containsExactly(
        new FakeRecording.Retirement(new DeviceKey("acme", "Caf\u00e9", "fs01"), null));
    assertThat(routes.pushes("acme", PushKind.RETIRE, "accepted")).isEqualTo(1);
  }

  @Test
  void retiringWhatIsNotThereIs404() throws Exception {
    HttpResponse<String> retire = routes.post(PushKind.RETIRE.path(), "acme-push",
        "{\"customer\": \"Dental\", \"device\": \"fs01\", \"job\": \"weekly\"}");

    assertThat(retire.statusCode()).isEqualTo(404);
    assertThat(routes.json(retire).get("message").asText()).isEqualTo("nothing to retire: no such job in the current state");
    assertThat(routes.recorder.retirements()).containsExactly(
        new FakeRecording.Retirement(new DeviceKey("acme", "Dental", "fs01"), "weekly"));
    assertThat(routes.pushes("acme", PushKind.RETIRE, "rejected")).isEqualTo(1);
  }

  @Test
  void aRetirementWithoutADeviceIs400AndNeverReachesTheRecorder() throws Exception {
    HttpResponse<String> retire = routes.post(PushKind.RETIRE.path(), "acme-push", "{\"customer\": \"Dental\"}");

    assertThat(retire.statusCode()).isEqualTo(400);
    assertThat(routes.json(retire).get("message").asText()).isEqualTo("customer and device are required; add job to retire only that job");
    assertThat(routes.recorder.retirements()).isEmpty();
    assertThat(routes.pushes("acme", PushKind.RETIRE, "rejected")).isEqualTo(1);
  }

  @Test
  void aRetirementTheStoreCouldNotSaveIs503() throws Exception {
    routes.recorder.failWith("the disk is full");

    HttpResponse<String> retire = routes.post(PushKind.RETIRE.path(), "acme-push", "{\"customer\": \"Dental\", \"device\": \"fs01\"}");

    assertThat(retire.statusCode()).isEqualTo(503);
    assertThat(routes.pushes("acme", PushKind.RETIRE, "unavailable")).isEqualTo(1);
  }
}
