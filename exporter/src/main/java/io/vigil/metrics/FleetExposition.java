package io.vigil.metrics;

import static io.vigil.metrics.FleetView.ERRORS_BY_LABEL;
import static io.vigil.metrics.FleetView.RESULTS_BY_LABEL;
import static io.vigil.metrics.FleetView.STATUSES_BY_LABEL;
import static io.vigil.metrics.Gauges.seconds;

import io.vigil.config.LiveConfig;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceState;
import io.vigil.model.JobResult;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import io.vigil.model.StatusRules;
import io.vigil.state.Fleet;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes the fleet's metric families straight from the {@link Fleet} in the Prometheus text format
 * 0.0.4 or OpenMetrics 1.0, byte for byte what client_java writes for {@link FleetCollector}'s
 * snapshots (families by name, data points by label values), without building a data point object
 * per series. Each job's and device's labels are encoded once per scrape and copied into every line.
 */
public final class FleetExposition {
  /** The two text formats; the OpenMetrics {@code # EOF} is left to whoever writes the last family. */
  public enum Format { TEXT, OPENMETRICS }

  private static final List<String> STATUS_LABELS = STATUSES_BY_LABEL.stream().map(JobStatus::label).toList();
  private static final List<String> RESULT_LABELS = RESULTS_BY_LABEL.stream().map(JobResult::label).toList();
  private static final List<String> ERROR_LABELS = ERRORS_BY_LABEL.stream().map(DeviceError::label).toList();

  private final Fleet fleet;
  private final LiveConfig config;
  private final Clock clock;
  private final String onlyTenant;

  public FleetExposition(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant) {
    this.fleet = fleet;
    this.config = config;
    this.clock = clock;
    this.onlyTenant = onlyTenant;
  }

  public void write(OutputStream out, Format format) throws IOException {
    FleetView view = FleetView.of(fleet, config.current(), onlyTenant);
    Instant now = clock.instant();
    ExpositionSink sink = new ExpositionSink(out);
    for (Family<?> family : families(view, now)) {
      family.write(sink, format);
    }
    sink.flush();
  }

  private static List<Family<?>> families(FleetView view, Instant now) {
    List<Row<Map.Entry<String, String>>> tenants = rows(
        view.tenantNames().entrySet().stream().sorted(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
            .toList(), t -> t.getKey(), t -> new String[] {"name", t.getValue()});
    List<Row<JobState>> jobs = rows(view.jobs(), j -> j.key().tenant(),
        j -> new String[] {"backup_job", j.key().job(), "customer", j.key().customer(), "device", j.key().device()});
    List<Row<DeviceState>> devices = rows(view.devices(), d -> d.key().tenant(),
        d -> new String[] {"customer", d.key().customer(), "device", d.key().device()});
    Predicate<DeviceState> heartbeating = d -> d.lastHeartbeat() != null;
    List<Family<?>> families = new ArrayList<>(List.of(
        new Family<>(FleetFamily.TENANT, tenants, t -> true, null, t -> List.of(""), null, (t, k) -> 1),
        new Family<>(FleetFamily.JOB, jobs, j -> true, "product", j -> List.of(orEmpty(j.product())), null, (j, k) -> 1),
        jobGauge(FleetFamily.JOB_FIRST_SEEN, jobs, j -> seconds(j.firstSeen())),
        jobGauge(FleetFamily.JOB_LAST_RUN, jobs, j -> seconds(j.lastRun().endedAt())),
        new Family<>(FleetFamily.JOB_LAST_SUCCESS, jobs, j -> j.lastSuccess() != null, null, j -> List.of(""), null,
            (j, k) -> seconds(j.lastSuccess())),
        jobGauge(FleetFamily.JOB_SINCE_SUCCESS, jobs, j -> seconds(StatusRules.age(StatusRules.successReference(j), now))),
        jobGauge(FleetFamily.JOB_GRACE, jobs, j -> seconds(view.grace(j))),
        new Family<>(FleetFamily.JOB_STATUS, jobs, j -> true, "status", j -> STATUS_LABELS, null,
            (j, k) -> STATUSES_BY_LABEL.get(k) == StatusRules.jobStatus(j, view.grace(j), now) ? 1 : 0),
        jobGauge(FleetFamily.JOB_FAILURES, jobs, JobState::consecutiveFailures),
        jobGauge(FleetFamily.JOB_DURATION, jobs, j -> seconds(j.lastRun().duration())),
        jobGauge(FleetFamily.JOB_BYTES, jobs, j -> j.lastRun().bytes()),
        jobGauge(FleetFamily.JOB_FILES, jobs, j -> j.lastRun().files()),
        jobGauge(FleetFamily.JOB_ERRORS, jobs, j -> j.lastRun().errors()),
        jobGauge(FleetFamily.JOB_WARNINGS, jobs, j -> j.lastRun().warnings()),
        new Family<>(FleetFamily.JOB_RUNS, jobs, j -> true, "result", j -> RESULT_LABELS, null,
            (j, k) -> j.runs(RESULTS_BY_LABEL.get(k))),
        new Family<>(FleetFamily.DEVICE, devices, heartbeating, "product", d -> List.of(orEmpty(d.product())),
            d -> ExpositionSink.label("version", orEmpty(d.version())), (d, k) -> 1),
        deviceGauge(FleetFamily.DEVICE_LAST_HEARTBEAT, devices, heartbeating, d -> seconds(d.lastHeartbeat())),
        deviceGauge(FleetFamily.DEVICE_INTERVAL, devices, heartbeating, d -> seconds(view.interval(d))),
        deviceGauge(FleetFamily.DEVICE_SINCE_HEARTBEAT, devices, heartbeating, d -> seconds(StatusRules.age(d.lastHeartbeat(), now))),
        deviceGauge(FleetFamily.DEVICE_UP, devices, heartbeating,
            d -> StatusRules.deviceUp(d.lastHeartbeat(), view.interval(d), now) ? 1 : 0),
        new Family<>(FleetFamily.DEVICE_ERROR, devices, d -> true, "error", d -> ERROR_LABELS, null,
            (d, k) -> d.active(ERRORS_BY_LABEL.get(k)) ? 1 : 0)));
    families.sort(Comparator.comparing(f -> FleetFamily.BY_NAME.indexOf(f.meta)));
    return families;
  }

  private static Family<JobState> jobGauge(FleetFamily meta, List<Row<JobState>> jobs, Function<JobState, Number> value) {
    return new Family<>(meta, jobs, j -> true, null, j -> List.of(""), null, (j, k) -> value.apply(j).doubleValue());
  }

  private static Family<DeviceState> deviceGauge(FleetFamily meta, List<Row<DeviceState>> devices, Predicate<DeviceState> present,
      Function<DeviceState, Number> value) {
    return new Family<>(meta, devices, present, null, d -> List.of(""), null, (d, k) -> value.apply(d).doubleValue());
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * An entity with its labels encoded: those that sort before {@code tenant}, and {@code tenant}.
   * {@code sameAsPrevious}: only the tenant differs from the row before, so the rows' lines interleave
   * when a label sorting between them (status, result, error, product) is added.
   */
  private record Row<T>(T entity, byte[] before, byte[] tenant, boolean sameAsPrevious) {}

  private static <T> List<Row<T>> rows(List<T> entities, Function<T, String> tenant, Function<T, String[]> before) {
    List<Row<T>> rows = new ArrayList<>(entities.size());
    byte[] previous = null;
    for (T entity : entities) {
      String[] labels = before.apply(entity);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < labels.length; i += 2) {
        text.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(ExpositionSink.escape(labels[i + 1])).append('"');
      }
      byte[] encoded = ExpositionSink.utf8(text.toString());
      rows.add(new Row<>(entity, encoded, ExpositionSink.label("tenant", tenant.apply(entity)), Arrays.equals(encoded, previous)));
      previous = encoded;
    }
    return rows;
  }

  @FunctionalInterface
  private interface Value<T> {
    double of(T entity, int line);
  }

  /**
   * One family: a line per entity that is {@code present} and per value of its {@code extra} label
   * (which sorts between the entity's labels and tenant), then {@code after} (labels after tenant).
   */
  private record Family<T>(FleetFamily meta, List<Row<T>> rows, Predicate<T> present, String extra,
      Function<T, List<String>> extraValues, Function<T, byte[]> after, Value<T> value, Map<String, byte[]> extraLabels) {
    Family(FleetFamily meta, List<Row<T>> rows, Predicate<T> present, String extra, Function<T, List<String>> extraValues,
        Function<T, byte[]> after, Value<T> value) {
      this(meta, rows, present, extra, extraValues, after, value, new HashMap<>());
    }

    void write(ExpositionSink sink, Format format) throws IOException {
      byte[] start = ExpositionSink.lineStart(meta.name, meta.type);
      boolean empty = true;
      for (int i = 0; i < rows.size(); ) {
        int end = i + 1;
        while (end < rows.size() && rows.get(end).sameAsPrevious()) {
          end++;
        }
        if (end - i == 1 && !present.test(rows.get(i).entity())) {
          i = end;
          continue;
        }
        if (empty) {
          sink.metadata(meta.name, meta.type, meta.help, meta.unit, format);
          empty = false;
        }
        if (end - i == 1) {
          Row<T> row = rows.get(i);
          List<String> values = extraValues.apply(row.entity());
          for (int k = 0; k < values.size(); k++) {
            line(sink, start, row, k, values.get(k));
          }
        } else {
          for (Line<T> line : interleaved(i, end)) {
            line(sink, start, line.row(), line.index(), line.extraValue());
          }
        }
        i = end;
      }
    }

    private void line(ExpositionSink sink, byte[] start, Row<T> row, int k, String extraValue) throws IOException {
      sink.write(start);
      sink.write(row.before());
      if (extra != null) {
        sink.write(extraLabels.computeIfAbsent(extraValue, v -> ExpositionSink.label(extra, v)));
      }
      sink.write(row.tenant());
      if (after != null) {
        sink.write(after.apply(row.entity()));
      }
      sink.write((byte) '}');
      sink.write((byte) ' ');
      if (meta.type == FamilyType.INFO) {
        sink.write((byte) '1');
      } else {
        sink.value(value.of(row.entity(), k));
      }
      sink.write((byte) '\n');
    }

    /** The lines of rows [from, to), which differ only by tenant, in client_java's order: by extra label value, then tenant. */
    private List<Line<T>> interleaved(int from, int to) {
      List<Line<T>> lines = new ArrayList<>();
      for (Row<T> row : rows.subList(from, to)) {
        if (present.test(row.entity())) {
          List<String> values = extraValues.apply(row.entity());
          for (int k = 0; k < values.size(); k++) {
            lines.add(new Line<>(row, k, values.get(k)));
          }
        }
      }
      lines.sort(Comparator.comparing(Line::extraValue)); // stable: the rows are in tenant order
      return lines;
    }
  }

  private record Line<T>(Row<T> row, int index, String extraValue) {}
}
