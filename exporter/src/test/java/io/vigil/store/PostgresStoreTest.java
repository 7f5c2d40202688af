package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.StoreConfig;
import io.vigil.model.JobState;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.PolledConnector;
import io.vigil.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every store keeps, against a real PostgreSQL the test starts, and what is PostgreSQL's own: run ids
 * idempotent across replicas, the change sequence replicas follow each other by, the schema check at open.
 */
class PostgresStoreTest extends StoreContract {
  private static PostgresServer postgres;
  private StoreConfig database;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void newDatabase() throws Exception {
    database = postgres.newDatabase();
  }

  @Override
  protected Store open() throws Exception {
    return PostgresStore.open(database);
  }

  @Test
  void twoReplicasStoringTheSameRunAtOnceKeepItOnce() throws Exception {
    try (Store a = open(); Store b = open()) {
      ExecutorService both = Executors.newFixedThreadPool(2);
      try {
        List<Future<Boolean>> inserted = both.invokeAll(List.<Callable<Boolean>>of(() -> insertOnce(a), () -> insertOnce(b)));
        assertThat(List.of(inserted.get(0).get(), inserted.get(1).get())).containsExactlyInAnyOrder(true, false);
      } finally {
        both.shutdownNow();
      }
      assertThat(a.runs(JOB, T0.minusSeconds(1), T0.plusSeconds(1))).hasSize(1);
    }
  }

  private static boolean insertOnce(Store store) throws Exception {
    try (Transaction tx = store.begin()) {
      boolean inserted = tx.insertRun(run("r1", T0), T0);
      tx.commit();
      return inserted;
    }
  }

  @Test
  void aRunIdIsUniqueInTheDatabaseItselfNotOnlyInTheWriter() throws Exception {
    open().close();
    try (Connection connection = postgres.superuser(dbName()); Statement st = connection.createStatement()) {
      String insert = "INSERT INTO job_run (tenant, customer, device, job, run_id, result, started_at, ended_at, bytes, files,"
          + " errors, warnings, received_at) VALUES ('acme', 'c', 'd', 'j', 'r1', 'SUCCESS', 0, 0, 0, 0, 0, 0, 0)";
      st.executeUpdate(insert);
      assertThatThrownBy(() -> st.executeUpdate(insert)).hasMessageContaining("duplicate key");
    }
  }

  @Test
  void anotherReplicasCommitsAreReadAsChangesInCommitOrder() throws Exception {
    JobState first = JobState.first(run("r1", T0), T0);
    try (Store a = open(); Store b = open()) {
      long start;
      try (Transaction tx = b.begin()) {
        assertThat(tx.changesAfter(0)).isEmpty();
        start = tx.sequence();
      }
      try (Transaction tx = a.begin()) {
        tx.changesAfter(0);
        tx.putJob(first);
        tx.putDevice(io.vigil.model.DeviceState.empty(DEVICE, T0));
        tx.commit();
      }
      PolledConnector polled = new PolledConnector(new ConnectorKey("acme", "img01"),
          new ConnectorStates.Status(T0, T0, true, Duration.ofMillis(80)), new ConnectorStates.LastGood(inventory(), null));
      try (Transaction tx = a.begin()) {
        tx.changesAfter(0);
        tx.deleteDevice(DEVICE);
        tx.putConnector(polled);
        tx.commit();
      }
      try (Transaction tx = b.begin()) {
        List<StateChange> changes = tx.changesAfter(start);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).isEqualTo(new StateChange.Job(changes.get(0).sequence(), JOB, first));
        assertThat(changes.get(1)).isEqualTo(new StateChange.Device(changes.get(1).sequence(), DEVICE, null));
        assertThat(changes.get(2)).isEqualTo(new StateChange.Connector(changes.get(2).sequence(), polled));
        assertThat(tx.sequence()).isEqualTo(changes.get(2).sequence());
        assertThat(tx.changesAfter(tx.sequence())).isEmpty();
      }
      assertThat(b.load().sequence()).isEqualTo(a.load().sequence()).isPositive();
    }
  }

  @Test
  void aReplicaReportsAFaultUntilItsFirstCatchUpSucceeded() throws Exception {
    try (Store store = open()) {
      AtomicBoolean catchUpWorks = new AtomicBoolean();
      CountDownLatch tries = new CountDownLatch(2);
      store.onChanges(() -> {
        tries.countDown();
        if (!catchUpWorks.get()) {
          throw new IllegalStateException("the writer is not there yet");
        }
      });
      assertThat(tries.await(10, TimeUnit.SECONDS)).as("the listener tries again").isTrue();
      assertThat(store.fault()).as("not caught up: not ready").isPresent();
      catchUpWorks.set(true);
      awaitTrue(() -> store.fault().isEmpty(), "the fault clears once a catch-up succeeds");
    }
  }

  @Test
  void anotherReplicasCommitWakesTheListenerButItsOwnDoNot() throws Exception {
    try (Store a = open(); Store b = open()) {
      AtomicInteger wokeA = new AtomicInteger();
      AtomicInteger wokeB = new AtomicInteger();
      a.onChanges(wokeA::incrementAndGet);
      b.onChanges(wokeB::incrementAndGet);
      awaitTrue(() -> a.fault().isEmpty() && b.fault().isEmpty(), "both listeners connected");
      int aBefore = wokeA.get();
      int bBefore = wokeB.get();
      try (Transaction tx = a.begin()) {
        tx.changesAfter(0);
        tx.putJob(JobState.first(run("r1", T0), T0));
        tx.commit();
      }
      awaitTrue(() -> wokeB.get() > bBefore, "the other replica is woken");
      Thread.sleep(1_500);
      assertThat(wokeA.get()).as("the committing replica's own listener").isEqualTo(aBefore);
    }
  }

  @Test
  void oneReplicaAtATimeLeadsAndAnotherTakesOverWhenItGoes() throws Exception {
    Store a = open();
    try (Store b = open()) {
      a.onChanges(() -> { });
      b.onChanges(() -> { });
      awaitTrue(() -> a.leads() || b.leads(), "one replica leads");
      Thread.sleep(2_500);
      assertThat(a.leads() && b.leads()).as("both lead").isFalse();
      Store leader = a.leads() ? a : b;
      Store other = leader == a ? b : a;
      leader.close();
      awaitTrue(other::leads, "the other replica takes the lease over");
    } finally {
      a.close();
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aDatabaseOfANewerSchemaIsRefused() throws Exception {
    open().close();
    try (Connection connection = postgres.superuser(dbName()); Statement st = connection.createStatement()) {
      st.executeUpdate("INSERT INTO vigil_schema (version) VALUES (99)");
    }
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("schema version 99")
        .hasMessageContaining("newer Vigil");
  }

  @Test
  void theFactoryOpensThePostgresqlType() throws Exception {
    try (Store store = StoreFactory.open(database)) {
      assertThat(store).isInstanceOf(PostgresStore.class);
    }
  }

  @Test
  void anUnreachableDatabaseIsAnErrorNamingIt() {
    StoreConfig nowhere = StoreConfig.postgresql("jdbc:postgresql://127.0.0.1:1/vigil", "vigil", null);
    assertThatThrownBy(() -> PostgresStore.open(nowhere)).isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/vigil");
  }

  private String dbName() {
    return database.url().substring(database.url().lastIndexOf('/') + 1);
  }
}
