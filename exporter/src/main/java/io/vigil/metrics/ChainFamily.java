package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Name, type, help and unit of every metric family of the connectors and their chains: the one definition
 * that {@link ChainCollector} (client_java snapshots) and {@link ChainExposition} (direct writer) both render.
 */
enum ChainFamily {
  UP("vigil_connector_up", FamilyType.GAUGE, "1 when the newest poll of the connector succeeded (200 or 304), else 0.", null),
  LAST_POLL("vigil_connector_last_poll_timestamp_seconds", FamilyType.GAUGE, "Start of the newest poll attempt.", Unit.SECONDS),
  LAST_SUCCESS("vigil_connector_last_success_timestamp_seconds", FamilyType.GAUGE,
      "Start of the newest successful poll; the exported chain data is from then or earlier.", Unit.SECONDS),
  SINCE_SUCCESS("vigil_connector_since_last_success_seconds", FamilyType.GAUGE,
      "Seconds since the newest successful poll: the age of the exported chain data.", Unit.SECONDS),
  POLL_DURATION("vigil_connector_poll_duration_seconds", FamilyType.GAUGE, "Length of the newest poll attempt.", Unit.SECONDS),
  CONNECTOR("vigil_connector", FamilyType.INFO, "Connectors, with the version they report.", null),
  FREE("vigil_repository_free_bytes", FamilyType.GAUGE, "Usable bytes on the file store of the connector's repository.", Unit.BYTES),
  SIZE("vigil_repository_size_bytes", FamilyType.GAUGE, "Total bytes of the file store of the connector's repository.", Unit.BYTES),
  UNPARSEABLE("vigil_connector_unparseable_files", FamilyType.GAUGE,
      "Files the connector could not read as images or their sidecars, by place (the largest places; the rest in folder=\"(other)\").",
      null),
  UNMANAGED("vigil_folder_unmanaged", FamilyType.GAUGE,
      "1 for a folder that matches the repository template but is not managed, 0 for a managed one.", null),
  DEPTH("vigil_chain_depth", FamilyType.GAUGE, "Images on the restore path from base to newest image of the current chain.", null),
  IMAGES("vigil_chain_images", FamilyType.GAUGE, "Image files of the current chain, by kind.", null),
  NEWEST("vigil_chain_newest_image_timestamp_seconds", FamilyType.GAUGE,
      "Time of the newest backup image (base, differential or incremental) of the volume, not of a later consolidation.", Unit.SECONDS),
  NEWEST_FILE("vigil_chain_newest_file_timestamp_seconds", FamilyType.GAUGE,
      "Latest modification time of any file of the current chain, consolidations included.", Unit.SECONDS),
  SINCE_NEWEST("vigil_chain_since_newest_image_seconds", FamilyType.GAUGE, "Seconds since the newest image of the volume.", Unit.SECONDS),
  USAGE("vigil_chain_usage_bytes", FamilyType.GAUGE, "Bytes of the images needed to reach the newest image.", Unit.BYTES),
  RETENTION("vigil_chain_retention_bytes", FamilyType.GAUGE,
      "Bytes of the volume's images not needed to reach the newest image (older chains included).", Unit.BYTES),
  BROKEN("vigil_chain_broken", FamilyType.GAUGE, "1 when an image needed to reach the newest image is missing.", null),
  UNVERIFIED("vigil_chain_unverified_images", FamilyType.GAUGE,
      "Image files of the current chain without their .md5 sidecar (ImageManager treats them as corrupt).", null),
  VERIFICATION_FAILED("vigil_chain_verification_failed", FamilyType.GAUGE,
      "1 when ImageManager's verification of the current chain failed (a bad.log exists), else 0.", null),
  VERIFICATION_FAILED_TIME("vigil_chain_verification_failed_timestamp_seconds", FamilyType.GAUGE,
      "Time of the newest bad.log of the current chain; absent when there is none.", Unit.SECONDS),
  GRACE("vigil_chain_grace_seconds", FamilyType.GAUGE,
      "Grace (monitoring priority): the newest image is overdue once older than this.", Unit.SECONDS),
  RETENTION_UNEXPECTED("vigil_chain_retention_unexpected", FamilyType.GAUGE,
      "1 when a chain of the volume breaks the connector's retention policy.", null),
  QUOTA("vigil_customer_quota_bytes", FamilyType.GAUGE,
      "The customer's quota: configured quota_bytes, else the free bytes of the repositories holding its folders.", Unit.BYTES);

  final String name;
  final FamilyType type;
  final String help;
  final Unit unit;

  ChainFamily(String name, FamilyType type, String help, Unit unit) {
    this.name = name;
    this.type = type;
    this.help = help;
    this.unit = unit;
  }
}
