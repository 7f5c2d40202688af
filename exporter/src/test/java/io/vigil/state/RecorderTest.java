package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.store.SqliteStore;
import io.vigil.store.StoreException;
import io.vigil.testsupport.FaultyStore;
import io.vigil.testsupport.TestClock;
import io.vigil.testsupport.UndescribableError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The single writer on the real store, with faults injected into it (no root, no file system tricks): a group
 * commits all its units or none, and a push that repeats stored runs keeps each run once.
 */
class RecorderTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  static final Function<String, EntityLimits> LIMITS = tenant -> new EntityLimits(100, 100, 100);
  static final JobKey NIGHTLY = new JobKey("acme", "Dental", "fs01", "nightly");
  static final DeviceKey NVR01 = new DeviceKey("acme", "Dental", "nvr01");

  @TempDir
  Path dir;
  final Fleet fleet = new Fleet();
  FaultyStore store;
  Recorder recorder;

  @BeforeEach
  void start() throws Exception {
    store = new FaultyStore(SqliteStore.open(dir));
    recorder = new Recorder(store, fleet, new TestClock(T0), 100, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    recorder.close();
    store.close();
  }

  static JobRun run(JobKey key, String id, int minutesAfterT0) {
    Instant end = T0.plus(Duration.ofMinutes(minutesAfterT0));
    return new JobRun(key, id, JobResult.SUCCESS, end.minusSeconds(60), end, 10, 1, 0, 0, null, null, null);
  }

  static Heartbeat heartbeat(DeviceKey device) {
    return new Heartbeat(device, T0, Duration.ofSeconds(30), "Rec", "1");
  }

  /**
   * Holds the writer inside the commit of a first push (of another job), so that the units recorded until
   * {@link FaultyStore#release()} are committed together, as one group.
   */
  Write<Outcome> holdTheWriter() throws InterruptedException {
    store.hold();
    Write<Outcome> first = recorder.record(List.of(run(new JobKey("acme", "Dental", "fs01", "weekly"), "w1", 0)), LIMITS);
    store.awaitHolding();
    return first;
  }

  /**
   * The writer thread ends when failing a group fails too; while it is still alive, failing what is queued, a new
   * write is refused at once, not queued where nobody takes it (it waited for the 30-s ack timeout).
   */
  @Test
  void aWriteWhileTheWriterIsEndingIsRefusedAtOnce() throws Exception {
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch letItEnd = new CountDownLatch(1);
    AppenderBase<ILoggingEvent> holdTheEnd = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (event.getMessage().startsWith("the store writer stopped")) {
          ending.countDown();
          try {
            letItEnd.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    Logger log = (Logger) LoggerFactory.getLogger(Recorder.class);
    holdTheEnd.start();
    log.addAppender(holdTheEnd);
    try {
      store.failNextCommitWith(new UndescribableError());
      Write<Outcome> failed = recorder.record(List.of(run(NIGHTLY, "r1", 0)), LIMITS);
      assertThat(ending.await(10, TimeUnit.SECONDS)).as("the writer thread is ending").isTrue();

      Write<Outcome> late = recorder.record(List.of(run(NIGHTLY, "r2", 1)), LIMITS);
      assertThat(late.future()).as("a write while the writer ends").isCompletedExceptionally();
      assertThatThrownBy(late::await).hasMessageContaining("writer has stopped");
      assertThat(recorder.fault()).contains("the store writer has stopped");
      letItEnd.countDown();
      assertThatThrownBy(failed::await).hasMessageContaining("writer has stopped");
    } finally {
      letItEnd.countDown();
      log.detachAppender(holdTheEnd);
    }
  }

  @Test
  void aCommitThatFailsFailsEveryUnitOfItsGroupAndKeepsNothingOfThem() throws Exception {
    Write<Outcome> first = holdTheWriter();
    Write<Outcome> run = recorder.record(List.of(run(NIGHTLY, "r1", 0)), LIMITS);
    Write<Outcome> beat = recorder.record(List.of(heartbeat(NVR01)), LIMITS);
    store.failNextCommitWith(new StoreException("injected by the test: disk full", null));
    store.release();

    assertThat(first.await().accepted()).as("the group before").isEqualTo(1);
    for (Write<Outcome> failed : List.of(run, beat)) {
      assertThatThrownBy(failed::await).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("could not save this")
          .hasRootCauseMessage("injected by the test: disk full");
    }
    assertThat(fleet.job(NIGHTLY)).isNull();
    assertThat(fleet.device(NVR01)).isNull();
    assertThat(store.runs(NIGHTLY, Instant.EPOCH, T0.plusSeconds(1))).isEmpty();
    assertThat(store.load().devices()).isEmpty();
    assertThat(recorder.failedCommits()).isEqualTo(1);
    assertThat(recorder.healthy()).as("until a commit succeeds").isFalse();

    assertThat(recorder.record(List.of(run(NIGHTLY, "r1", 0)), LIMITS).await()).as("the same push again")
        .isEqualTo(new Outcome(1, 0, null));
    assertThat(recorder.healthy()).isTrue();
    assertThat(fleet.job(NIGHTLY).successRuns()).isEqualTo(1);
  }

  @Test
  void aWriteThatFailsLateInAGroupTakesBackTheWritesOfTheUnitsBeforeIt() throws Exception {
    Write<Outcome> first = holdTheWriter();
    Write<Outcome> run = recorder.record(List.of(run(NIGHTLY, "r1", 0)), LIMITS);
    Write<Outcome> beat = recorder.record(List.of(heartbeat(NVR01)), LIMITS);
    store.failWritesFor(NVR01);
    store.release();

    assertThat(first.await().accepted()).as("the group before").isEqualTo(1);
    for (Write<Outcome> failed : List.of(run, beat)) {
      assertThatThrownBy(failed::await).isInstanceOf(StoreUnavailableException.class)
          .hasRootCauseMessage("injected by the test: cannot write about " + NVR01);
    }
    assertThat(store.runs(NIGHTLY, Instant.EPOCH, T0.plusSeconds(1))).as("the run stored before the failing write").isEmpty();
    assertThat(store.load().jobs()).extracting(job -> job.key().job()).containsExactly("weekly");
    assertThat(fleet.job(NIGHTLY)).isNull();

    store.failWritesFor(null);
    assertThat(recorder.record(List.of(run(NIGHTLY, "r1", 0), heartbeat(NVR01)), LIMITS).await()).isEqualTo(new Outcome(2, 0, null));
    assertThat(store.runs(NIGHTLY, Instant.EPOCH, T0.plusSeconds(1))).extracting(JobRun::runId).containsExactly("r1");
  }

  @Test
  void aGroupThatPartlyRepeatsStoredRunsKeepsEachRunOnceAndCountsTheRepeats() throws Exception {
    assertThat(recorder.record(List.of(run(NIGHTLY, "r0", 0)), LIMITS).await()).isEqualTo(new Outcome(1, 0, null));
    Write<Outcome> first = holdTheWriter();
    Write<Outcome> storedBefore = recorder.record(List.of(run(NIGHTLY, "r0", 0), run(NIGHTLY, "r1", 10)), LIMITS);
    Write<Outcome> inTheSameGroup = recorder.record(List.of(run(NIGHTLY, "r1", 10), run(NIGHTLY, "r2", 20)), LIMITS);
    Write<Outcome> twiceInOnePush = recorder.record(List.of(run(NIGHTLY, "r3", 30), run(NIGHTLY, "r3", 30)), LIMITS);
    store.release();

    assertThat(first.await().accepted()).isEqualTo(1);
    assertThat(storedBefore.await()).isEqualTo(new Outcome(1, 1, null));
    assertThat(inTheSameGroup.await()).isEqualTo(new Outcome(1, 1, null));
    assertThat(twiceInOnePush.await()).isEqualTo(new Outcome(1, 1, null));
    assertThat(store.runs(NIGHTLY, Instant.EPOCH, T0.plus(Duration.ofDays(1)))).extracting(JobRun::runId)
        .containsExactly("r0", "r1", "r2", "r3");
    assertThat(fleet.job(NIGHTLY).successRuns()).as("each run counted once").isEqualTo(4);
    assertThat(fleet.job(NIGHTLY).lastRun().runId()).isEqualTo("r3");
    assertThat(store.load().jobs()).filteredOn(job -> job.key().equals(NIGHTLY)).containsExactly(fleet.job(NIGHTLY));
  }
}
