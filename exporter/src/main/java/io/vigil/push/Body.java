package io.vigil.push;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.vigil.model.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/** The JSON documents of the push API, exactly as received (field names are snake_case on the wire). */
final class Body {
  private Body() {}

  /**
   * The batch item a push of {@code kind} is, posted alone or inside a batch under the kind's label; null for
   * the batch itself and for a retirement, which is not a report ({@link RetireParser} reads it).
   */
  static Class<? extends Item> item(PushKind kind) {
    return switch (kind) {
      case JOB_REPORT -> JobReport.class;
      case HEARTBEAT -> Heartbeat.class;
      case EVENT -> Event.class;
      case BATCH, RETIRE -> null;
    };
  }

  /** What a push body of reports holds: one item, or a batch of them. */
  sealed interface Document permits Item, Batch {}

  /** Inside a batch the {@code type} picks the kind; its names are registered from {@link PushKind} by the parser. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  sealed interface Item extends Document permits JobReport, Heartbeat, Event {
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
      R jobReport(JobReport report);

      R heartbeat(Heartbeat heartbeat);

      R event(Event event);
    }
  }

  // Each kind can also be posted alone, without a "type".
  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  record JobReport(
      String customer,
      String device,
      String job,
      String runId,
      String status,
      Instant startedAt,
      Instant endedAt,
      Long bytes,
      Long files,
      Long errors,
      Long warnings,
      String message,
      Long graceSeconds,
      String product,
      ScheduleSpec schedule) implements Item {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.jobReport(this);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  record Heartbeat(String customer, String device, Instant at, Long intervalSeconds, String product, String version)
      implements Item {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.heartbeat(this);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  record Event(String customer, String device, String error, String state, Instant at, String message, String clearedBy)
      implements Item {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.event(this);
    }
  }

  record Batch(List<Item> items) implements Document {}
}
