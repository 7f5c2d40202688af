package io.vigil.state;

import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.Report;
import io.vigil.model.UnparsedMail;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A recorder for handler tests, as the Pushgateway's handler tests use a mock store: it keeps what it was
 * asked to write and answers at once, the way the test says (by default every report is new).
 */
public final class FakeRecording implements Recording {
  /** A retirement asked for: the device and the job (null for the whole device). */
  public record Retirement(DeviceKey device, String job) {}

  private final List<List<Report>> recorded = new CopyOnWriteArrayList<>();
  private final List<Retirement> retirements = new CopyOnWriteArrayList<>();
  private final List<UnparsedMail> unparsed = new CopyOnWriteArrayList<>();
  private volatile Outcome outcome;
  private volatile Retired retired = new Retired(0, 0);
  private volatile String failure;

  /** The next writes answer with this outcome. */
  public void answer(Outcome outcome) {
    this.outcome = outcome;
  }

  /** The next retirements remove this much. */
  public void retires(Retired retired) {
    this.retired = retired;
  }

  /** The next writes fail as a store that cannot save them does; nothing is kept. */
  public void failWith(String message) {
    this.failure = message;
  }

  /** The reports of each write asked for, in order. */
  public List<List<Report>> recorded() {
    return recorded;
  }

  /** Forgets what was recorded and kept (a fuzz target reuses one recorder over many inputs). */
  public void clear() {
    recorded.clear();
    unparsed.clear();
    retirements.clear();
  }

  /** The unparsed mails asked to be kept, in order. */
  public List<UnparsedMail> unparsed() {
    return unparsed;
  }

  public List<Retirement> retirements() {
    return retirements;
  }

  @Override
  public Write<Outcome> record(List<? extends Report> reports, Function<String, EntityLimits> limits) {
    Write<Outcome> write = new Write<>(Duration.ofSeconds(1));
    if (failure != null) {
      write.fail(new StoreUnavailableException(failure, null));
      return write;
    }
    recorded.add(List.copyOf(reports));
    write.complete(outcome != null ? outcome : new Outcome(reports.size(), 0, null));
    return write;
  }

  @Override
  public Write<Boolean> keepUnparsed(UnparsedMail mail, int keep) {
    Write<Boolean> write = new Write<>(Duration.ofSeconds(1));
    if (failure != null) {
      write.fail(new StoreUnavailableException(failure, null));
      return write;
    }
    unparsed.add(mail);
    write.complete(true);
    return write;
  }

  @Override
  public Write<Retired> retire(DeviceKey device, String job) {
    Write<Retired> write = new Write<>(Duration.ofSeconds(1));
    if (failure != null) {
      write.fail(new StoreUnavailableException(failure, null));
      return write;
    }
    retirements.add(new Retirement(device, job));
    write.complete(retired);
    return write;
  }
}
