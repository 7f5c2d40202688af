package io.vigil.metrics;

import static io.vigil.metrics.Gauges.seconds;

import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.metrics.ConnectorView.ConnectorRow;
import io.vigil.metrics.ConnectorView.FolderRow;
import io.vigil.metrics.ConnectorView.QuotaRow;
import io.vigil.metrics.ConnectorView.Row;
import io.vigil.metrics.ConnectorView.UnparseableRow;
import io.vigil.metrics.ConnectorView.VolumeRow;
import io.vigil.poll.Inventory;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Every family of the connectors (poll health, repositories, folders, chains, quotas), each defined once:
 * name, help, unit and value, read from a {@link ConnectorView}.
 */
final class ConnectorSeries {
  /** Image kinds in label order, and the count of each kind's images. */
  private static final List<String> KINDS = List.of("base", "daily", "differential", "incremental", "monthly", "rolling", "weekly");
  private static final List<Function<Inventory.Images, Integer>> KIND_COUNTS = List.of(Inventory.Images::base, Inventory.Images::daily,
      Inventory.Images::differential, Inventory.Images::incremental, Inventory.Images::monthly, Inventory.Images::rolling,
      Inventory.Images::weekly);
  /** One label function per row type, so that each row's labels are encoded once per scrape (see {@link Series}). */
  private static final Function<Row, String[]> LABELS = Row::labels;
  private static final Predicate<ConnectorRow> POLLED = c -> c.status() != null;
  private static final Predicate<ConnectorRow> SUCCEEDED = c -> c.sinceSuccess() != null;
  private static final Predicate<ConnectorRow> INVENTORIED = c -> c.inventory() != null;

  static final List<Series<ConnectorView, ?>> ALL = Series.byName(List.of(
      connector("vigil_connector_up", "1 when the newest poll of the connector succeeded (200 or 304), else 0.", null, c -> true,
          c -> c.status() != null && c.status().up() ? 1 : 0),
      connector("vigil_connector_last_poll_timestamp_seconds", "Start of the newest poll attempt.", Unit.SECONDS, POLLED,
          c -> seconds(c.status().lastAttempt())),
      connector("vigil_connector_last_success_timestamp_seconds",
          "Start of the newest successful poll; the exported chain data is from then or earlier.", Unit.SECONDS, SUCCEEDED,
          c -> seconds(c.status().lastSuccess())),
      connector("vigil_connector_since_last_success_seconds",
          "Seconds since the newest successful poll: the age of the exported chain data.", Unit.SECONDS, SUCCEEDED,
          c -> seconds(c.sinceSuccess())),
      connector("vigil_connector_poll_duration_seconds", "Length of the newest poll attempt.", Unit.SECONDS, POLLED,
          c -> c.status().lastDuration().toNanos() / 1e9),
      Series.info("vigil_connector", "Connectors, with the version they report.", ConnectorView::connectors, LABELS, INVENTORIED, "version",
          c -> List.of(c.inventory().connector().version())),
      connector("vigil_repository_free_bytes", "Usable bytes on the file store of the connector's repository.", Unit.BYTES, INVENTORIED,
          c -> c.inventory().repository().freeBytes()),
      connector("vigil_repository_size_bytes", "Total bytes of the file store of the connector's repository.", Unit.BYTES, INVENTORIED,
          c -> c.inventory().repository().sizeBytes()),
      Series.gauge("vigil_connector_unparseable_files",
          "Files the connector could not read as images or their sidecars, by place (the largest places; the rest in folder=\"(other)\").",
          null, ConnectorView::unparseable, LABELS, u -> true, UnparseableRow::count),
      Series.gauge("vigil_folder_unmanaged", "1 for a folder that matches the repository template but is not managed, 0 for a managed one.",
          null, ConnectorView::folders, LABELS, f -> true, (FolderRow f) -> f.managed() ? 0 : 1),
      volume("vigil_chain_depth", "Images on the restore path from base to newest image of the current chain.", null, v -> true,
          v -> v.chain().depth()),
      new Series<>("vigil_chain_images", FamilyType.GAUGE, "Image files of the current chain, by kind.", null, ConnectorView::volumes,
          LABELS, v -> true, "kind", v -> KINDS, (v, k) -> KIND_COUNTS.get(k).apply(v.chain().images())),
      volume("vigil_chain_newest_image_timestamp_seconds",
          "Time of the newest backup image (base, differential or incremental) of the volume, not of a later consolidation.", Unit.SECONDS,
          v -> true, v -> seconds(v.chain().newestImageTime())),
      volume("vigil_chain_newest_file_timestamp_seconds",
          "Latest modification time of any file of the current chain, consolidations included.",
          Unit.SECONDS, v -> v.chain().newestFileTime() != null, v -> seconds(v.chain().newestFileTime())),
      volume("vigil_chain_since_newest_image_seconds", "Seconds since the newest image of the volume.", Unit.SECONDS, v -> true,
          v -> seconds(v.sinceNewestImage())),
      volume("vigil_chain_usage_bytes", "Bytes of the images needed to reach the newest image.", Unit.BYTES, v -> true,
          v -> v.chain().usageBytes()),
      volume("vigil_chain_retention_bytes", "Bytes of the volume's images not needed to reach the newest image (older chains included).",
          Unit.BYTES, v -> true, VolumeRow::retentionBytes),
      volume("vigil_chain_broken", "1 when an image needed to reach the newest image is missing.", null, v -> true,
          v -> v.chain().broken() ? 1 : 0),
      volume("vigil_chain_unverified_images",
          "Image files of the current chain without their .md5 sidecar (ImageManager treats them as corrupt).", null, v -> true,
          v -> v.chain().unverifiedImages()),
      volume("vigil_chain_verification_failed",
          "1 when ImageManager's verification of the current chain failed (a bad.log exists), else 0.",
          null, v -> true, v -> v.chain().verificationFailed() ? 1 : 0),
      volume("vigil_chain_verification_failed_timestamp_seconds",
          "Time of the newest bad.log of the current chain; absent when there is none.",
          Unit.SECONDS, v -> v.chain().verificationFailedTime() != null, v -> seconds(v.chain().verificationFailedTime())),
      volume("vigil_chain_grace_seconds", "Grace (monitoring priority): the newest image is overdue once older than this.", Unit.SECONDS,
          v -> true, v -> seconds(v.grace())),
      volume("vigil_chain_retention_unexpected", "1 when a chain of the volume breaks the connector's retention policy.", null, v -> true,
          v -> v.retentionUnexpected() ? 1 : 0),
      Series.gauge("vigil_customer_quota_bytes",
          "The customer's configured quota_bytes; absent for a customer without a quota (free space is vigil_repository_free_bytes).", Unit.BYTES,
          ConnectorView::quotas, LABELS, q -> true, QuotaRow::bytes)));

  private ConnectorSeries() {}

  private static Series<ConnectorView, ConnectorRow> connector(String name, String help, Unit unit, Predicate<ConnectorRow> present,
      ToDoubleFunction<ConnectorRow> value) {
    return Series.gauge(name, help, unit, ConnectorView::connectors, LABELS, present, value);
  }

  private static Series<ConnectorView, VolumeRow> volume(String name, String help, Unit unit, Predicate<VolumeRow> present,
      ToDoubleFunction<VolumeRow> value) {
    return Series.gauge(name, help, unit, ConnectorView::volumes, LABELS, present, value);
  }
}
