package io.vigil.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.Limits;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.Report;
import io.vigil.model.ScheduleSpec;
import io.vigil.testsupport.Pushes;
import io.vigil.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PushParserTest {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  final PushParser parser = new PushParser(() -> new Limits(null, 3, 20, 50, null, null), new TestClock(NOW));

  List<Report> parse(PushKind kind, String body) throws PushRejected {
    return parser.parse(kind, "acme", body.getBytes(StandardCharsets.UTF_8));
  }

  void assertRejected(PushKind kind, String body, String field, String reasonPart) {
    assertThatThrownBy(() -> parse(kind, body))
        .isInstanceOfSatisfying(PushRejected.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.reason()).contains(reasonPart);
          });
        });
  }

  @Test
  void aJobReportBecomesARunOfTheKeysTenant() throws Exception {
    JobRun run = (JobRun) parse(PushKind.JOB_REPORT, Pushes.jobReport("Dental", "fs01", "nightly", "r1", "warning", NOW)).get(0);
    assertThat(run.key().tenant()).isEqualTo("acme");
    assertThat(run.result()).isEqualTo(JobResult.WARNING);
    assertThat(run.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(run.bytes()).isEqualTo(1_048_576);
  }

  static String withSchedule(String schedule) {
    String report = Pushes.jobReport("Dental", "fs01", "weekly", "r1", "success", NOW);
    return report.substring(0, report.lastIndexOf('}')) + ", \"schedule\": " + schedule + "}";
  }

  @Test
  void aJobReportMayCarryTheJobsSchedule() throws Exception {
    JobRun run = (JobRun) parse(PushKind.JOB_REPORT,
        withSchedule("{\"days\": [\"sat\"], \"window_start\": \"01:00\", \"window_end\": \"05:00\", \"time_zone\": \"Europe/Berlin\"}"))
        .get(0);
    assertThat(run.schedule()).isEqualTo(new ScheduleSpec(null, List.of("sat"), "01:00", "05:00", "Europe/Berlin", null));
  }

  @Test
  void aBadScheduleIsRefusedNamingEachField() {
    assertRejected(PushKind.JOB_REPORT, withSchedule("{\"cron\": \"0 2 * *\"}"), "schedule.cron", "is not a valid five-field cron");
    assertRejected(PushKind.JOB_REPORT, withSchedule("{\"cron\": \"0 2 31 4,6 *\"}"), "schedule.cron", "never fires");
    assertRejected(PushKind.JOB_REPORT, withSchedule("{\"days\": [\"sat\"], \"window_start\": \"1am\", \"window_end\": \"05:00\"}"),
        "schedule.window_start", "must be a time of day HH:MM");
    assertRejected(PushKind.JOB_REPORT, withSchedule("{\"cron\": \"0 2 * * *\", \"time_zone\": \"CEST\"}"), "schedule.time_zone",
        "is not a known time zone");
    assertRejected(PushKind.JOB_REPORT, withSchedule("{\"cron\": \"0 2 * * *\", \"every\": 2}"), "schedule.every", "is not a known field");
  }

  @Test
  void aHeartbeatWithoutTimeIsStampedWithTheExportersClock() throws Exception {
    Heartbeat heartbeat = (Heartbeat) parse(PushKind.HEARTBEAT, Pushes.heartbeat("Dental", "nvr01", 30)).get(0);
    assertThat(heartbeat.at()).isEqualTo(NOW);
    assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anEventIsClearedByEventsUnlessItSaysOtherwise() throws Exception {
    ErrorEvent event = (ErrorEvent) parse(PushKind.EVENT, Pushes.event("Dental", "nvr01", "disk_full", "raised")).get(0);
    assertThat(event.raised()).isTrue();
    assertThat(event.clearedBy().label()).isEqualTo("event");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, "{\"customer\": \"a\",,}"))
        .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.getMessage()).contains("malformed JSON").contains("line 1"));
  }

  @Test
  void unknownFieldsAreReportedNotDropped() {
    assertRejected(PushKind.HEARTBEAT, "{\"customer\": \"a\", \"device\": \"b\", \"colour\": \"red\"}", "colour", "not a known field");
  }

  // Before: "cam\\ud800" and "cam\\udc00" were both accepted and both exposed as device="cam?", one series twice.
  @Test
  void namesAndMessagesWithAnUnpairedSurrogateAreRejected() {
    assertRejected(PushKind.HEARTBEAT, "{\"customer\": \"a\", \"device\": \"cam\\ud800\"}", "device", "unpaired surrogate");
    assertRejected(PushKind.EVENT, Pushes.event("a", "b", "disk_full", "raised").replace("from a test", "full \\udc00"),
        "message", "unpaired surrogate");
  }

  @Test
  void aPairedSurrogateIsJustACharacter() throws Exception {
    Heartbeat heartbeat = (Heartbeat) parse(PushKind.HEARTBEAT, "{\"customer\": \"a\", \"device\": \"cam \\ud83d\\udcf7\"}").get(0);
    assertThat(heartbeat.key().device()).isEqualTo("cam \uD83D\uDCF7");
  }

  @Test
  void wrongTypesAreNotCoerced() {
    assertRejected(PushKind.JOB_REPORT, Pushes.jobReport("a", "b", "c", "r1", "success", NOW).replace("1048576", "\"1048576\""),
        "bytes", "whole number");
    assertRejected(PushKind.HEARTBEAT, "{\"customer\": 42, \"device\": \"b\"}", "customer", "a string");
    assertRejected(PushKind.JOB_REPORT, Pushes.jobReport("a", "b", "c", "r1", "success", NOW).replace("\"files\": 42", "\"files\": 4.5"),
        "files", "whole number");
  }

  @Test
  void badTimesSayWhatIsExpected() {
    assertRejected(PushKind.EVENT, "{\"customer\": \"a\", \"device\": \"b\", \"error\": \"disk_full\", \"state\": \"raised\", \"at\": \"yesterday\"}",
        "at", "ISO-8601");
  }

  @Test
  void everyMissingOrInvalidFieldIsListed() {
    assertThatThrownBy(() -> parse(PushKind.JOB_REPORT, "{\"customer\": \"a\", \"status\": \"great\", \"bytes\": -1}"))
        .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.problems()).extracting(Problem::field)
            .contains("device", "job", "run_id", "status", "started_at", "ended_at", "bytes"));
  }

  @Test
  void namesAreBoundedAndFreeOfControlCharacters() {
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat("x".repeat(21), "b", 30), "customer", "longer than 20");
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat("line\\nbreak", "b", 30), "customer", "control characters");
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat("  ", "b", 30), "customer", "blank");
  }

  static Stream<Arguments> lookAlikeNames() {
    return Stream.of(
        Arguments.of("Acme ", "must not start or end with white space (U+0020)"),
        Arguments.of(" Acme", "must not start or end with white space (U+0020)"),
        Arguments.of("Acme\u00a0", "must not start or end with white space (U+00A0)"),
        Arguments.of("Acme\u200b", "must not contain the zero-width character U+200B"),
        Arguments.of("\ufeffAcme", "must not contain the zero-width character U+FEFF"),
        Arguments.of("Ac\u200dme", "must not contain the zero-width character U+200D"),
        Arguments.of("Acme\u2060", "must not contain the zero-width character U+2060"),
        Arguments.of("\u200b", "must not contain the zero-width character U+200B"),
        Arguments.of("\u3164", "must not contain the invisible filler character U+3164"),
        Arguments.of("\u202eemcA", "must not contain the bidirectional text control U+202E"),
        Arguments.of("\u2066Acme\u2069", "must not contain the bidirectional text control U+2066"),
        Arguments.of("Acme\u200e", "must not contain the bidirectional text control U+200E"),
        Arguments.of("Ac\u00adme", "must not contain the invisible format character U+00AD"),
        Arguments.of("\u0301", "must contain at least one visible character"),
        Arguments.of("\u2800", "must not start or end with white space (U+2800)"));
  }

  @ParameterizedTest
  @MethodSource("lookAlikeNames")
  void namesThatLookLikeOthersOrRenderAsNothingAreRefusedWithTheReason(String name, String reason) {
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat(name, "nvr01", 30), "customer", reason);
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat("Dental", name, 30), "device", reason);
    assertRejected(PushKind.JOB_REPORT, Pushes.jobReport("Dental", "fs01", name, "r1", "success", NOW), "job", reason);
    assertRejected(PushKind.JOB_REPORT, Pushes.jobReport("Dental", "fs01", "nightly", name, "success", NOW), "run_id", reason);
    assertRejected(PushKind.HEARTBEAT, Pushes.heartbeat("Dental", "nvr01", 30).replace("SiteRecorder", name), "product", reason);
  }

  @Test
  void namesAreComparedInNfcSoComposedAndDecomposedAreOneName() throws Exception {
    Heartbeat decomposed = (Heartbeat) parse(PushKind.HEARTBEAT, Pushes.heartbeat("Cafe\u0301", "nvr01", 30)).get(0);
    Heartbeat composed = (Heartbeat) parse(PushKind.HEARTBEAT, Pushes.heartbeat("Caf\u00e9", "nvr01", 30)).get(0);
    assertThat(decomposed.key()).isEqualTo(composed.key());
    assertThat(decomposed.key().customer()).isEqualTo("Caf\u00e9");
  }

  @Test
  void ordinaryNamesWithInnerSpacesAccentsAndSymbolsAreKeptAsSent() throws Exception {
    for (String name : List.of("Acme Corp", "Praxis M\u00fcller", "\u6771\u4eac \u30af\u30ea\u30cb\u30c3\u30af",
        "\ud83d\udcbe Backups", "\u05d0\u05d1\u05d2")) {
      Heartbeat heartbeat = (Heartbeat) parse(PushKind.HEARTBEAT, Pushes.heartbeat(name, "nvr01", 30)).get(0);
      assertThat(heartbeat.key().customer()).isEqualTo(name);
    }
  }

  @Test
  void quotesAndBackslashesInNamesAreAccepted() throws Exception {
    Heartbeat heartbeat = (Heartbeat) parse(PushKind.HEARTBEAT, Pushes.heartbeat("Bob \\\"The\\\" Dentist", "C:\\\\nvr", 30)).get(0);
    assertThat(heartbeat.key().customer()).isEqualTo("Bob \"The\" Dentist");
    assertThat(heartbeat.key().device()).isEqualTo("C:\\nvr");
  }

  @Test
  void timesFarInTheFutureAndEndsBeforeStartsAreRefused() {
    assertRejected(PushKind.JOB_REPORT, Pushes.jobReport("a", "b", "c", "r1", "success", NOW.plus(Duration.ofHours(1))),
        "ended_at", "future");
    String backwards = Pushes.jobReport("a", "b", "c", "r1", "success", NOW).replace(NOW.minusSeconds(600).toString(), NOW.plusSeconds(60).toString());
    assertRejected(PushKind.JOB_REPORT, backwards, "ended_at", "before started_at");
  }

  @Test
  void aBatchWithOneBadItemIsRejectedWholeWithTheItemsIndex() {
    String batch = "{\"items\": [{\"type\": \"heartbeat\", \"customer\": \"a\", \"device\": \"b\"},"
        + " {\"type\": \"event\", \"customer\": \"a\", \"device\": \"b\", \"error\": \"flood\", \"state\": \"raised\"}]}";
    assertRejected(PushKind.BATCH, batch, "items[1].error", "must be one of");
  }

  @Test
  void batchItemsNeedAKnownType() {
    assertRejected(PushKind.BATCH, "{\"items\": [{\"type\": \"poem\"}]}", "items[0].type", "job_report, heartbeat, event");
    assertRejected(PushKind.BATCH, "{\"items\": [{\"customer\": \"a\"}]}", "items[0].type", "required");
  }

  @Test
  void batchesLargerThanTheLimitAreRefusedAsTooLarge() {
    String item = "{\"type\": \"heartbeat\", \"customer\": \"a\", \"device\": \"b\"}";
    ThrowingCallable tooMany = () -> parse(PushKind.BATCH, "{\"items\": [" + String.join(",", item, item, item, item) + "]}");
    assertThatThrownBy(tooMany).isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void duplicateKeysAndTrailingGarbageAreMalformed() {
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, "{\"customer\": \"a\", \"customer\": \"b\", \"device\": \"c\"}"))
        .isInstanceOf(PushRejected.class).hasMessageContaining("customer");
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, Pushes.heartbeat("a", "b", 30) + " {}"))
        .isInstanceOf(PushRejected.class);
  }

  @Test
  void emptyAndNullBodiesAreRefused() {
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, "")).isInstanceOf(PushRejected.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, "null")).isInstanceOf(PushRejected.class);
    assertThatThrownBy(() -> parse(PushKind.HEARTBEAT, "[1,2]")).isInstanceOf(PushRejected.class);
  }

  @Test
  void everyKindThatIsABatchItemIsReadInABatchUnderItsLabel() throws Exception {
    String[] bodies = {Pushes.jobReport("Dental", "fs01", "nightly", "r1", "success", NOW), Pushes.heartbeat("Dental", "nvr01", 30),
        Pushes.event("Dental", "nvr01", "disk_full", "raised")};
    List<PushKind> items = Stream.of(PushKind.values()).filter(kind -> Body.item(kind) != null).toList();
    assertThat(items).containsExactly(PushKind.JOB_REPORT, PushKind.HEARTBEAT, PushKind.EVENT);
    for (int i = 0; i < items.size(); i++) {
      Report alone = parse(items.get(i), bodies[i]).get(0);
      Report inBatch = parse(PushKind.BATCH, "{\"items\": [" + Pushes.withType(items.get(i).label(), bodies[i]) + "]}").get(0);
      assertThat(inBatch).isEqualTo(alone);
    }
  }

  @Test
  void aRetirementIsNotReadAsReports() {
    assertThatThrownBy(() -> parse(PushKind.RETIRE, "{\"customer\": \"a\", \"device\": \"b\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
