package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.model.ClearedBy;
import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.model.DeliveryState;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.model.ScheduleSpec;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.Inventory;
import io.vigil.poll.PolledConnector;
import io.vigil.model.UnparsedMail;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} backend promises, run against each: a backend's test extends this class and says how
 * to open its store. Names are matched exactly (quotes, case, SQL wildcards and all).
 */
public abstract class StoreContract {
  protected static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  protected static final JobKey JOB = new JobKey("acme", "Dental \"East\"", "fs01", "nightly");
  protected static final DeviceKey DEVICE = new DeviceKey("acme", "Dental \"East\"", "nvr01");

  /**
   * Opens the store under test, empty at the first call of a test; a later call, after the last one was closed,
   * opens the same store again with what was committed to it.
   */
  protected abstract Store open() throws Exception;

  protected static JobRun run(String id, Instant end) {
    return run(JOB, id, end);
  }

  protected static JobRun run(JobKey key, String id, Instant end) {
    return new JobRun(key, id, JobResult.SUCCESS, end.minusSeconds(60), end, 5, 1, 0, 0, "ok", Duration.ofHours(30), "Img 8");
  }

  protected static ErrorEvent event(DeviceKey key, DeviceError error, boolean raised, Instant at) {
    return new ErrorEvent(key, error, raised, at, raised ? "raised" : null, ClearedBy.EVENT);
  }

  @Test
  void committedStateAndHistorySurviveReopening() throws Exception {
    JobState job = JobState.first(run("r1", T0), T0);
    DeviceState device = DeviceState.empty(DEVICE, T0)
        .apply(new Heartbeat(DEVICE, T0, Duration.ofSeconds(30), "Rec", "1"), T0)
        .apply(new ErrorEvent(DEVICE, DeviceError.DISK_FULL, true, T0, "full", ClearedBy.EVENT), T0);
    try (Store store = open(); Transaction tx = store.begin()) {
      assertThat(tx.insertRun(run("r1", T0), T0)).isTrue();
      tx.putJob(job);
      tx.putDevice(device);
      tx.commit();
    }
    try (Store store = open()) {
      Snapshot snapshot = store.load();
      assertThat(snapshot.jobs()).containsExactly(job);
      assertThat(snapshot.devices()).containsExactly(device);
      assertThat(store.runs(JOB, T0.minusSeconds(1), T0.plusSeconds(1))).containsExactly(run("r1", T0));
    }
  }

  @Test
  void aJobsScheduleFromItsReportSurvivesReopening() throws Exception {
    ScheduleSpec weekly = new ScheduleSpec(null, List.of("sat", "sun"), "01:00", "05:00", "Europe/Berlin", 3600L);
    JobRun reported = new JobRun(JOB, "r1", JobResult.SUCCESS, T0.minusSeconds(60), T0, 5, 1, 0, 0, "ok", null, null, weekly);
    try (Store store = open(); Transaction tx = store.begin()) {
      tx.insertRun(reported, T0);
      tx.putJob(JobState.first(reported, T0));
      tx.commit();
    }
    try (Store store = open()) {
      assertThat(store.load().jobs()).singleElement().extracting(JobState::schedule).isEqualTo(weekly);
    }
  }

  @Test
  void theSameRunIdIsStoredOnce() throws Exception {
    try (Store store = open(); Transaction tx = store.begin()) {
      assertThat(tx.insertRun(run("r1", T0), T0)).isTrue();
      assertThat(tx.insertRun(run("r1", T0), T0)).isFalse();
      tx.commit();
    }
  }

  @Test
  void aTransactionClosedWithoutCommitLeavesNothing() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("r1", T0), T0);
        tx.putJob(JobState.first(run("r1", T0), T0));
      }
      assertThat(store.load().jobs()).isEmpty();
      assertThat(store.runs(JOB, T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
    }
  }

  @Test
  void readsDoNotSeeWritesBeforeTheirCommit() throws Exception {
    try (Store store = open(); Transaction tx = store.begin()) {
      tx.insertRun(run("r1", T0), T0);
      tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, true, T0), T0);
      assertThat(store.runs(JOB, Instant.EPOCH, T0.plusSeconds(1))).isEmpty();
      assertThat(store.events(HistoryScope.tenant("acme"), Instant.EPOCH, T0.plusSeconds(1))).isEmpty();
      tx.commit();
      assertThat(store.runs(JOB, Instant.EPOCH, T0.plusSeconds(1))).hasSize(1);
      assertThat(store.events(HistoryScope.tenant("acme"), Instant.EPOCH, T0.plusSeconds(1))).hasSize(1);
    }
  }

  @Test
  void pruningDropsOnlyHistoryOlderThanTheCutoff() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("old", T0.minus(Duration.ofDays(500))), T0);
        tx.insertRun(run("new", T0), T0);
        assertThat(tx.pruneHistory(T0.minus(Duration.ofDays(400)))).isEqualTo(1);
        tx.commit();
      }
      assertThat(store.runs(JOB, Instant.EPOCH, T0.plusSeconds(1))).extracting(JobRun::runId).containsExactly("new");
    }
  }

  @Test
  void pruningDropsOldEventsToo() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, true, T0.minus(Duration.ofDays(500))), T0);
        tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, false, T0), T0);
        assertThat(tx.pruneHistory(T0.minus(Duration.ofDays(400)))).isEqualTo(1);
        tx.commit();
      }
      assertThat(store.events(HistoryScope.device(DEVICE), Instant.EPOCH, T0.plusSeconds(1))).extracting(ErrorEvent::at)
          .containsExactly(T0);
    }
  }

  /** Run ids sort the other way round from end times here, so only the ORDER BY puts them in order. */
  @Test
  void runsComeBackOldestFirstWithinTheWindow() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("a", T0.plusSeconds(30)), T0);
        tx.insertRun(run("b", T0.plusSeconds(20)), T0);
        tx.insertRun(run("c", T0.plusSeconds(10)), T0);
        tx.insertRun(run("d", T0), T0);
        tx.insertRun(new JobRun(new JobKey("acme", "Dental \"East\"", "fs01", "weekly"), "w", JobResult.SUCCESS, T0, T0.plusSeconds(15),
            1, 1, 0, 0, null, null, null), T0);
        tx.commit();
      }
      assertThat(store.runs(JOB, T0.plusSeconds(5), T0.plusSeconds(30))).extracting(JobRun::runId).containsExactly("c", "b");
    }
  }

  @Test
  void runsAcrossATenantOrOneCustomerOrOneDeviceComeBackOldestFirstWithTheirKeys() throws Exception {
    JobKey weekly = new JobKey("acme", "Dental \"East\"", "fs01", "weekly");
    JobKey sql = new JobKey("acme", "Dental \"East\"", "sql01", "nightly");
    JobKey law = new JobKey("acme", "Law Office", "fs01", "nightly");
    JobKey otherTenant = new JobKey("globex", "Dental \"East\"", "fs01", "nightly");
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run(law, "l1", T0.plusSeconds(10)), T0);
        tx.insertRun(run(JOB, "n1", T0.plusSeconds(40)), T0);
        tx.insertRun(run(weekly, "w1", T0.plusSeconds(20)), T0);
        tx.insertRun(run(sql, "s1", T0.plusSeconds(30)), T0);
        tx.insertRun(run(otherTenant, "g1", T0.plusSeconds(25)), T0);
        tx.insertRun(run(law, "before", T0.minusSeconds(1)), T0);
        tx.insertRun(run(law, "at-the-end", T0.plusSeconds(60)), T0);
        tx.commit();
      }
      Instant from = T0;
      Instant to = T0.plusSeconds(60);
      assertThat(store.runs(HistoryScope.tenant("acme"), from, to)).extracting(JobRun::key, JobRun::runId).containsExactly(
          tuple(law, "l1"), tuple(weekly, "w1"), tuple(sql, "s1"), tuple(JOB, "n1"));
      assertThat(store.runs(HistoryScope.customer("acme", "Dental \"East\""), from, to)).extracting(JobRun::runId)
          .containsExactly("w1", "s1", "n1");
      assertThat(store.runs(HistoryScope.device(JOB.deviceKey()), from, to)).extracting(JobRun::runId).containsExactly("w1", "n1");
      assertThat(store.runs(HistoryScope.job(JOB), from, to)).containsExactly(run(JOB, "n1", T0.plusSeconds(40)));
      assertThat(store.runs(HistoryScope.tenant("initech"), from, to)).isEmpty();
    }
  }

  @Test
  void runsEndingAtTheSameTimeComeInKeyThenRunIdOrder() throws Exception {
    JobKey law = new JobKey("acme", "Law Office", "fs01", "nightly");
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run(law, "b", T0), T0);
        tx.insertRun(run(JOB, "z", T0), T0);
        tx.insertRun(run(law, "a", T0), T0);
        tx.commit();
      }
      assertThat(store.runs(HistoryScope.tenant("acme"), T0, T0.plusSeconds(1))).extracting(r -> r.key().customer() + "/" + r.runId())
          .containsExactly("Dental \"East\"/z", "Law Office/a", "Law Office/b");
    }
  }

  @Test
  void namesInAScopeMatchExactly() throws Exception {
    JobKey wildcard = new JobKey("acme", "Dental_%", "fs01", "nightly");
    JobKey lower = new JobKey("acme", "dental \"east\"", "fs01", "nightly");
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run(JOB, "exact", T0), T0);
        tx.insertRun(run(wildcard, "wildcard", T0), T0);
        tx.insertRun(run(lower, "lower", T0), T0);
        tx.commit();
      }
      assertThat(store.runs(HistoryScope.customer("acme", "Dental \"East\""), T0, T0.plusSeconds(1))).extracting(JobRun::runId)
          .containsExactly("exact");
      assertThat(store.runs(HistoryScope.customer("acme", "Dental_%"), T0, T0.plusSeconds(1))).extracting(JobRun::runId)
          .containsExactly("wildcard");
      assertThat(store.runs(HistoryScope.customer("acme", "Dental"), T0, T0.plusSeconds(1))).isEmpty();
    }
  }

  @Test
  void aRetiredJobOrDeviceLeavesTheCurrentStateButKeepsItsHistory() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("r1", T0), T0);
        tx.putJob(JobState.first(run("r1", T0), T0));
        tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, true, T0), T0);
        tx.putDevice(DeviceState.empty(DEVICE, T0).apply(event(DEVICE, DeviceError.DISK_FULL, true, T0), T0));
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        tx.deleteJob(JOB);
        tx.deleteDevice(DEVICE);
        tx.commit();
      }
      assertThat(store.load().jobs()).isEmpty();
      assertThat(store.load().devices()).isEmpty();
      assertThat(store.runs(JOB, T0, T0.plusSeconds(1))).hasSize(1);
      assertThat(store.events(HistoryScope.device(DEVICE), T0, T0.plusSeconds(1))).hasSize(1);
    }
  }

  @Test
  void theNewestStateOfAJobOrDeviceReplacesTheOlder() throws Exception {
    JobState first = JobState.first(run("r1", T0), T0);
    JobState second = first.apply(run("r2", T0.plusSeconds(60)), T0.plusSeconds(60), (key, after) -> 0);
    DeviceState empty = DeviceState.empty(DEVICE, T0);
    DeviceState beating = empty.apply(new Heartbeat(DEVICE, T0, Duration.ofSeconds(30), "Rec", "1"), T0);
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.putJob(first);
        tx.putDevice(empty);
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        tx.putJob(second);
        tx.putDevice(beating);
        tx.commit();
      }
      assertThat(store.load().jobs()).containsExactly(second);
      assertThat(store.load().devices()).containsExactly(beating);
    }
  }

  @Test
  void failedRunsAfterCountsTheTransactionsOwnRunsAndOnlyThoseAfterTheTime() throws Exception {
    JobRun failedBefore = new JobRun(JOB, "f0", JobResult.FAILED, T0.minusSeconds(120), T0.minusSeconds(60), 0, 0, 1, 0, null, null,
        null);
    JobRun failedAfter = new JobRun(JOB, "f1", JobResult.FAILED, T0, T0.plusSeconds(60), 0, 0, 1, 0, null, null, null);
    JobRun otherJob = new JobRun(new JobKey("acme", "Dental \"East\"", "fs01", "weekly"), "f2", JobResult.FAILED, T0,
        T0.plusSeconds(60), 0, 0, 1, 0, null, null, null);
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(failedBefore, T0);
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        tx.insertRun(failedAfter, T0);
        tx.insertRun(otherJob, T0);
        tx.insertRun(run("ok", T0.plusSeconds(90)), T0);
        assertThat(tx.failedRunsAfter(JOB, T0)).isEqualTo(1);
        assertThat(tx.failedRunsAfter(JOB, T0.minusSeconds(3600))).isEqualTo(2);
      }
    }
  }

  @Test
  void eventsOfATenantOrCustomerOrDeviceComeBackOldestFirstWithEveryField() throws Exception {
    DeviceKey other = new DeviceKey("acme", "Dental \"East\"", "nvr02");
    DeviceKey law = new DeviceKey("acme", "Law Office", "nvr01");
    DeviceKey otherTenant = new DeviceKey("globex", "Dental \"East\"", "nvr01");
    ErrorEvent raised = new ErrorEvent(DEVICE, DeviceError.CAMERA_UNREACHABLE, true, T0.plusSeconds(10), "cam 3 \"lobby\"",
        ClearedBy.HEARTBEAT);
    ErrorEvent cleared = new ErrorEvent(DEVICE, DeviceError.CAMERA_UNREACHABLE, false, T0.plusSeconds(40), null, ClearedBy.EVENT);
    ErrorEvent otherDevice = event(other, DeviceError.FATAL_ARCHIVE_ERROR, true, T0.plusSeconds(20));
    ErrorEvent lawEvent = event(law, DeviceError.LICENSE_EXCEEDED, true, T0.plusSeconds(5));
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertEvent(cleared, T0);
        tx.insertEvent(raised, T0);
        tx.insertEvent(otherDevice, T0);
        tx.insertEvent(lawEvent, T0);
        tx.insertEvent(event(otherTenant, DeviceError.DISK_FULL, true, T0.plusSeconds(30)), T0);
        tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, true, T0.minusSeconds(1)), T0);
        tx.insertEvent(event(DEVICE, DeviceError.DISK_FULL, true, T0.plusSeconds(60)), T0);
        tx.commit();
      }
      Instant from = T0;
      Instant to = T0.plusSeconds(60);
      assertThat(store.events(HistoryScope.tenant("acme"), from, to)).containsExactly(lawEvent, raised, otherDevice, cleared);
      assertThat(store.events(HistoryScope.customer("acme", "Dental \"East\""), from, to)).containsExactly(raised, otherDevice, cleared);
      assertThat(store.events(HistoryScope.device(DEVICE), from, to)).containsExactly(raised, cleared);
      assertThat(store.events(HistoryScope.tenant("initech"), from, to)).isEmpty();
    }
  }

  @Test
  void eventsAtTheSameTimeComeInTheOrderTheyWereStored() throws Exception {
    List<ErrorEvent> stored = List.of(event(DEVICE, DeviceError.OTHER, true, T0), event(DEVICE, DeviceError.DISK_FULL, true, T0),
        event(DEVICE, DeviceError.OTHER, false, T0), event(DEVICE, DeviceError.ARCHIVE_FAILED, true, T0));
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        for (ErrorEvent event : stored) {
          tx.insertEvent(event, T0);
        }
        tx.commit();
      }
      assertThat(store.events(HistoryScope.device(DEVICE), T0, T0.plusSeconds(1))).containsExactlyElementsOf(stored);
    }
  }

  @Test
  void everyKindOfErrorRoundTrips() throws Exception {
    List<ErrorEvent> stored = Arrays.stream(DeviceError.values())
        .map(error -> new ErrorEvent(DEVICE, error, true, T0.plusSeconds(error.ordinal()), error.label(), ClearedBy.HEARTBEAT))
        .toList();
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        for (ErrorEvent event : stored) {
          tx.insertEvent(event, T0);
        }
        tx.commit();
      }
      assertThat(store.events(HistoryScope.tenant("acme"), T0, T0.plus(Duration.ofDays(1)))).containsExactlyElementsOf(stored);
    }
  }

  @Test
  void eventsOfAJobScopeAreRefused() throws Exception {
    try (Store store = open()) {
      assertThatThrownBy(() -> store.events(HistoryScope.job(JOB), T0, T0.plusSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belong to devices");
    }
  }

  /** An outage is returned whole when any part of it lies in the window; one that ends where the window starts does not. */
  @Test
  void outagesOverlappingTheWindowComeBackWholeOldestFirstPerScopeAfterTheirCommit() throws Exception {
    DeviceKey other = new DeviceKey("acme", "Law", "nvr02");
    DeviceKey otherTenant = new DeviceKey("globex", DEVICE.customer(), DEVICE.device());
    Outage before = new Outage(DEVICE, T0.minusSeconds(600), T0);
    Outage across = new Outage(DEVICE, T0.minusSeconds(60), T0.plusSeconds(60));
    Outage inside = new Outage(other, T0.plusSeconds(10), T0.plusSeconds(20));
    Outage after = new Outage(DEVICE, T0.plusSeconds(3600), T0.plusSeconds(3700));
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        for (Outage outage : List.of(after, inside, across, before, new Outage(otherTenant, T0, T0.plusSeconds(30)))) {
          tx.insertOutage(outage);
        }
        assertThat(store.outages(HistoryScope.tenant("acme"), Instant.EPOCH, T0.plus(Duration.ofDays(1)))).as("before the commit")
            .isEmpty();
        tx.commit();
      }
    }
    try (Store store = open()) {
      assertThat(store.outages(HistoryScope.tenant("acme"), T0, T0.plusSeconds(3600))).containsExactly(across, inside);
      assertThat(store.outages(HistoryScope.customer("acme", DEVICE.customer()), T0, T0.plusSeconds(3601)))
          .containsExactly(across, after);
      assertThat(store.outages(HistoryScope.device(other), Instant.EPOCH, T0.plus(Duration.ofDays(1)))).containsExactly(inside);
      assertThatThrownBy(() -> store.outages(HistoryScope.job(JOB), T0, T0.plusSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSameOutageStoredAgainIsKeptOnceAndPruningDropsOutagesEndedBeforeTheCutoff() throws Exception {
    Outage old = new Outage(DEVICE, T0.minus(Duration.ofDays(500)), T0.minus(Duration.ofDays(401)));
    Outage lasting = new Outage(DEVICE, T0.minus(Duration.ofDays(402)), T0.minus(Duration.ofDays(399)));
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertOutage(old);
        tx.insertOutage(lasting);
        tx.insertOutage(lasting);
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        assertThat(tx.pruneHistory(T0.minus(Duration.ofDays(400)))).isEqualTo(1);
        tx.commit();
      }
      assertThat(store.outages(HistoryScope.device(DEVICE), Instant.EPOCH, T0)).containsExactly(lasting);
    }
  }

  @Test
  void aConnectorsNewestPollIsKeptAndAPollWithoutAnInventoryKeepsTheLastOne() throws Exception {
    ConnectorKey img01 = new ConnectorKey("acme", "img01");
    ConnectorStates.LastGood inventory = new ConnectorStates.LastGood(inventory(), "\"v1\"");
    ConnectorStates.Status up = new ConnectorStates.Status(T0, T0, true, Duration.ofMillis(120));
    ConnectorStates.Status down = new ConnectorStates.Status(T0.plusSeconds(60), T0, false, Duration.ofSeconds(10));
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.putConnector(new PolledConnector(img01, up, inventory));
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        tx.putConnector(new PolledConnector(img01, down, null));
        tx.putConnector(new PolledConnector(new ConnectorKey("globex", "img01"), up, null));
        tx.commit();
      }
    }
    try (Store store = open()) {
      assertThat(store.load().connectors()).containsExactlyInAnyOrder(new PolledConnector(img01, down, inventory),
          new PolledConnector(new ConnectorKey("globex", "img01"), up, null));
    }
  }

  /** One managed folder with one current chain, as a connector reports it. */
  protected static Inventory inventory() {
    Inventory.Volume volume = new Inventory.Volume("C_VOL", "b002", true, 5, new Inventory.Images(1, 0, 3, 1, 0, 0, 0),
        T0.minusSeconds(3600), 1000L, 200L, false, false, 0, false, null, null);
    return new Inventory(1, new Inventory.Connector("img01", "1.0.0"), T0, new Inventory.Repository(1_000_000L, 400_000L),
        List.of(new Inventory.Folder("Dental \"East\"", "SRV01", true, List.of(volume))), List.of());
  }

  @Test
  void aStoreJustOpenedHasNoFault() throws Exception {
    try (Store store = open()) {
      assertThat(store.fault()).isEmpty();
    }
  }

  protected static final DeliveryKey MONTHLY = new DeliveryKey("acme", "monthly", "Dental \"East\"", "2026-10");

  @Test
  void aDeliveryClaimedAtASubMillisecondInstantReadsBackEqualToTheClaim() throws Exception {
    // The system clock has microseconds here; the report scheduler settles a claim only if its row equals it.
    Instant fine = T0.plusNanos(123_456_789);
    Delivery claimed = Delivery.claim(MONTHLY, Optional.empty(), fine, Duration.ofMinutes(2)).orElseThrow();
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.putDelivery(claimed);
        tx.commit();
      }
      try (Transaction tx = store.begin()) {
        assertThat(tx.delivery(MONTHLY)).as("the claim read back, as settle compares it").contains(claimed);
      }
    }
  }

  @Test
  void aDeliveryClaimedAndThenSentReadsBackWithEveryFieldAfterReopening() throws Exception {
    Delivery claimed = Delivery.claim(MONTHLY, Optional.empty(), T0, Duration.ofMinutes(2)).orElseThrow();
    try (Store store = open(); Transaction tx = store.begin()) {
      assertThat(tx.delivery(MONTHLY)).isEmpty();
      tx.putDelivery(claimed);
      assertThat(tx.delivery(MONTHLY)).as("the transaction's own claim").contains(claimed);
      tx.commit();
    }
    Delivery sent = claimed.failed(T0.plusSeconds(5), "421 try later", Duration.ofMinutes(1), 5)
        .sent(T0.plusSeconds(90));
    try (Store store = open()) {
      assertThat(store.deliveries(T0)).containsExactly(claimed);
      try (Transaction tx = store.begin()) {
        assertThat(tx.delivery(MONTHLY)).contains(claimed);
        tx.putDelivery(sent);
        tx.commit();
      }
    }
    try (Store store = open()) {
      assertThat(store.deliveries(Instant.EPOCH)).singleElement().satisfies(d -> {
        assertThat(d).isEqualTo(sent);
        assertThat(d.state()).isEqualTo(DeliveryState.SENT);
        assertThat(d.lastError()).isEqualTo("421 try later");
      });
    }
  }

  @Test
  protected static UnparsedMail unparsed(String tenant, String messageId, Instant at) {
    return new UnparsedMail(tenant, messageId, at, "noreply@backupbox.example", "Job 'x' done", "no parser recognised it", "Body \"x\"");
  }

  @Test
  void unparsedMailsAreKeptPerTenantOncePerMessageIdNewestFirstAndBounded() throws Exception {
    try (Store store = open(); Transaction tx = store.begin()) {
      assertThat(tx.insertUnparsed(unparsed("acme", "<1@x>", T0), 2)).isTrue();
      assertThat(tx.insertUnparsed(unparsed("acme", "<1@x>", T0.plusSeconds(5)), 2)).as("the same Message-ID again").isFalse();
      assertThat(tx.insertUnparsed(unparsed("globex", "<1@x>", T0), 2)).as("another tenant's mail of that id").isTrue();
      assertThat(tx.insertUnparsed(unparsed("acme", "<2@x>", T0.plusSeconds(10)), 2)).isTrue();
      assertThat(tx.insertUnparsed(unparsed("acme", "<3@x>", T0.plusSeconds(20)), 2)).isTrue();
      tx.commit();
    }
    try (Store store = open()) {
      assertThat(store.unparsed("acme", 10)).containsExactly(unparsed("acme", "<3@x>", T0.plusSeconds(20)),
          unparsed("acme", "<2@x>", T0.plusSeconds(10)));
      assertThat(store.unparsed("acme", 1)).hasSize(1);
      assertThat(store.unparsed("globex", 10)).containsExactly(unparsed("globex", "<1@x>", T0));
      assertThat(store.unparsed("initech", 10)).isEmpty();
    }
  }

  @Test
  void deliveriesAreKeptApartByEveryPartOfTheirKey() throws Exception {
    List<DeliveryKey> keys = List.of(MONTHLY, new DeliveryKey("acme", "monthly", "Dental \"East\"", "2026-11"),
        new DeliveryKey("acme", "monthly", "Dental %", "2026-10"), new DeliveryKey("acme", "daily", "", "2026-10"),
        new DeliveryKey("globex", "monthly", "Dental \"East\"", "2026-10"));
    try (Store store = open(); Transaction tx = store.begin()) {
      for (DeliveryKey key : keys) {
        tx.putDelivery(Delivery.claim(key, Optional.empty(), T0, Duration.ofMinutes(1)).orElseThrow());
      }
      tx.commit();
      assertThat(store.deliveries(T0)).extracting(Delivery::key).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(store.deliveries(T0.plusMillis(1))).as("none changed since").isEmpty();
    }
  }

  @Test
  void aDeliveryPutWithoutCommitIsNotKept() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.putDelivery(Delivery.claim(MONTHLY, Optional.empty(), T0, Duration.ofMinutes(1)).orElseThrow());
      }
      assertThat(store.deliveries(Instant.EPOCH)).isEmpty();
      try (Transaction tx = store.begin()) {
        assertThat(tx.delivery(MONTHLY)).isEmpty();
      }
    }
  }

  @Test
  void pruningDropsDeliveriesLastChangedBeforeTheCutoff() throws Exception {
    DeliveryKey older = new DeliveryKey("acme", "monthly", "Dental \"East\"", "2025-01");
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.putDelivery(Delivery.claim(older, Optional.empty(), T0.minus(Duration.ofDays(500)), Duration.ofMinutes(1)).orElseThrow());
        tx.putDelivery(Delivery.claim(MONTHLY, Optional.empty(), T0, Duration.ofMinutes(1)).orElseThrow());
        assertThat(tx.pruneHistory(T0.minus(Duration.ofDays(400)))).isEqualTo(1);
        tx.commit();
      }
      assertThat(store.deliveries(Instant.EPOCH)).extracting(Delivery::key).containsExactly(MONTHLY);
    }
  }

  @Test
  void anUnparsedMailOfATransactionNotCommittedIsNotKept() throws Exception {
    try (Store store = open()) {
      try (Transaction tx = store.begin()) {
        tx.insertUnparsed(unparsed("acme", "<1@x>", T0), 10);
      }
      assertThat(store.unparsed("acme", 10)).isEmpty();
    }
  }
}
