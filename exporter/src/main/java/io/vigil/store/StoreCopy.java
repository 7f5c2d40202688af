package io.vigil.store;

import io.vigil.config.StoreConfig;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.poll.PolledConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Copies an SQLite store into an empty PostgreSQL one ({@code vigil migrate-store}): every current job and device
 * state, each connector's newest poll and every stored run, event and outage, with the times they were received. The copy goes in transactions of a
 * bounded size; a copy that stopped half-way leaves the database not empty, to be dropped and created again.
 */
public final class StoreCopy {
  private static final int ROWS_PER_TRANSACTION = 2_000;

  /** What was copied. */
  public record Copied(int jobs, int devices, long runs, long events, long outages) {}

  private StoreCopy() {}

  public static Copied sqliteToPostgres(Path sqliteDataDir, StoreConfig postgres) throws StoreException {
    if (!Files.isRegularFile(sqliteDataDir.resolve(SqliteStore.FILE_NAME))) {
      throw new StoreException("there is no SQLite store (" + SqliteStore.FILE_NAME + ") in " + sqliteDataDir.toAbsolutePath(), null);
    }
    try (SqliteStore from = SqliteStore.open(sqliteDataDir); PostgresStore to = PostgresStore.open(postgres)) {
      if (!to.isEmpty()) {
        throw new StoreException("the PostgreSQL store " + postgres.url() + " already holds data: migrate into an empty database", null);
      }
      Snapshot state = from.load();
      try (Batches batches = new Batches(to)) {
        for (JobState job : state.jobs()) {
          batches.next().putJob(job);
        }
        for (DeviceState device : state.devices()) {
          batches.next().putDevice(device);
        }
        for (PolledConnector polled : state.connectors()) {
          batches.next().putConnector(polled);
        }
        long[] counts = new long[3];
        from.history(new SqliteStore.HistorySink() {
          @Override
          public void run(JobRun run, Instant receivedAt) throws StoreException {
            batches.next().insertRun(run, receivedAt);
            counts[0]++;
          }

          @Override
          public void event(ErrorEvent event, Instant receivedAt) throws StoreException {
            batches.next().insertEvent(event, receivedAt);
            counts[1]++;
          }

          @Override
          public void outage(Outage outage) throws StoreException {
            batches.next().insertOutage(outage);
            counts[2]++;
          }
        });
        batches.commit();
        return new Copied(state.jobs().size(), state.devices().size(), counts[0], counts[1], counts[2]);
      }
    }
  }

  /** The open transaction, committed and replaced after every {@link #ROWS_PER_TRANSACTION} rows. */
  private static final class Batches implements AutoCloseable {
    private final Store to;
    private Transaction tx;
    private int rows;

    Batches(Store to) {
      this.to = to;
    }

    Transaction next() throws StoreException {
      if (rows == ROWS_PER_TRANSACTION) {
        commit();
      }
      if (tx == null) {
        tx = to.begin();
        rows = 0;
      }
      rows++;
      return tx;
    }

    void commit() throws StoreException {
      if (tx != null) {
        tx.commit();
        tx.close();
        tx = null;
      }
    }

    @Override
    public void close() throws StoreException {
      if (tx != null) {
        tx.close();
      }
    }
  }
}
