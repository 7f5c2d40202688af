package io.vigil.it.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.push.PushKind;
import io.vigil.testsupport.Pushes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * An agent-like client pushing at a steady pace for its own customer of one tenant: job reports with
 * unique run ids and mixed results, heartbeats, error events raised and cleared, and batches of all
 * three. It keeps a ledger of what the exporter acknowledged; the ledger is read once the pusher stopped.
 */
final class Pusher {
  static final List<String> ERRORS = List.of("disk_full", "camera_unreachable", "archive_failed");
  private static final List<String> STATUSES = List.of("success", "success", "success", "warning", "failed");
  private static final List<PushKind> PATTERN = List.of(PushKind.JOB_REPORT, PushKind.HEARTBEAT, PushKind.JOB_REPORT,
      PushKind.EVENT, PushKind.BATCH, PushKind.JOB_REPORT, PushKind.HEARTBEAT, PushKind.JOB_REPORT, PushKind.EVENT, PushKind.BATCH);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Job(String device, String job) {}

  record AckedRun(String runId, String status) {}

  private record Item(PushKind kind, String json, Runnable onAck) {}

  final String tenant;
  final String customer;
  final List<String> devices;
  final List<Job> jobs = new ArrayList<>();
  final Map<Job, List<AckedRun>> acked = new LinkedHashMap<>();
  /** Device and error ("fs01/disk_full") to whether the last acknowledged event raised it. */
  final Map<String, Boolean> raised = new LinkedHashMap<>();
  final Map<PushKind, Long> ackedRequests = new LinkedHashMap<>();
  final Map<PushKind, Long> ackedItems = new LinkedHashMap<>();

  private final Http http;
  private final Problems problems;
  private final Latencies latencies;
  private final Instant firstEnd;
  private long runs;
  private long heartbeats;
  private long events;

  /** Run {@code n} of this pusher ends at {@code firstEnd + n * 100 ms}: in order, and hours before now. */
  Pusher(String tenant, String customer, Http http, Problems problems, Latencies latencies, Instant firstEnd) {
    this.tenant = tenant;
    this.customer = customer;
    this.http = http;
    this.problems = problems;
    this.latencies = latencies;
    this.firstEnd = firstEnd;
    this.devices = List.of(customer + "-fs01", customer + "-fs02", customer + "-sql01", customer + "-nvr01", customer + "-nvr02");
    devices.forEach(d -> List.of("system-image", "files").forEach(j -> jobs.add(new Job(d, j))));
  }

  void run(Duration period, BooleanSupplier running) throws InterruptedException {
    Pace.repeat(period, running, i -> {
      PushKind kind = PATTERN.get((int) (i % PATTERN.size()));
      switch (kind) {
        case JOB_REPORT -> push(kind, List.of(jobReport()));
        case HEARTBEAT -> push(kind, List.of(heartbeat()));
        case EVENT -> push(kind, List.of(event()));
        case BATCH -> push(kind, List.of(jobReport(), heartbeat(), event(), jobReport(), heartbeat()));
      }
    });
  }

  private Item jobReport() {
    Job job = jobs.get((int) (runs % jobs.size()));
    String runId = "%s-%s-%d".formatted(job.device(), job.job(), runs);
    String status = STATUSES.get(ThreadLocalRandom.current().nextInt(STATUSES.size()));
    String json = Pushes.jobReport(customer, job.device(), job.job(), runId, status, firstEnd.plusMillis(100 * runs++));
    return new Item(PushKind.JOB_REPORT, json, () -> acked.computeIfAbsent(job, j -> new ArrayList<>()).add(new AckedRun(runId, status)));
  }

  private Item heartbeat() {
    String device = devices.get((int) (heartbeats++ % devices.size()));
    return new Item(PushKind.HEARTBEAT, Pushes.heartbeat(customer, device, 30), () -> {});
  }

  private Item event() {
    String device = devices.get((int) (events++ % devices.size()));
    String error = ERRORS.get(ThreadLocalRandom.current().nextInt(ERRORS.size()));
    boolean raise = ThreadLocalRandom.current().nextBoolean();
    return new Item(PushKind.EVENT, Pushes.event(customer, device, error, raise ? "raised" : "cleared"),
        () -> raised.put(device + "/" + error, raise));
  }

  private void push(PushKind kind, List<Item> items) throws InterruptedException {
    String body = kind == PushKind.BATCH
        ? items.stream().map(i -> "{\"type\": \"" + i.kind().label() + "\", " + i.json().substring(1))
            .collect(Collectors.joining(",\n", "{\"items\": [", "]}"))
        : items.get(0).json();
    try {
      Http.Answer answer = http.post(kind.path(), tenant + "-push", body);
      latencies.add(answer.nanos());
      if (answer.status() != 200) {
        problems.add(kind.path() + " answered " + answer.status() + ": " + answer.body());
        return;
      }
      JsonNode ack = JSON.readTree(answer.body());
      if (ack.path("accepted").asInt() != items.size() || ack.path("duplicates").asInt() != 0) {
        problems.add(kind.path() + " acknowledged " + answer.body() + " for " + items.size() + " new item(s)");
        return;
      }
    } catch (IOException e) {
      problems.add(kind.path() + " failed: " + e);
      return;
    }
    items.forEach(item -> {
      item.onAck().run();
      ackedItems.merge(item.kind(), 1L, Long::sum);
    });
    ackedRequests.merge(kind, 1L, Long::sum);
  }
}
