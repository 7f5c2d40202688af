package io.vigil.push;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/** The JSON documents of the push API, exactly as received (field names are snake_case on the wire). */
final class Body {
  private Body() {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = JobReport.class, name = "job_report"),
    @JsonSubTypes.Type(value = Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = Event.class, name = "event")
  })
  sealed interface Item permits JobReport, Heartbeat, Event {}

  // Each kind can also be posted alone, without a "type"; inside a batch the type picks the kind.
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
      String product) implements Item {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  record Heartbeat(String customer, String device, Instant at, Long intervalSeconds, String product, String version)
      implements Item {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
  record Event(String customer, String device, String error, String state, Instant at, String message, String clearedBy)
      implements Item {}

  record Batch(List<Item> items) {}
}
