package io.vigil.poll;

import java.time.Instant;
import java.util.List;

/**
 * The part of a connector's inventory document (connector/README.md, version 1) that the exporter
 * uses. Other fields are ignored; the ones here are checked by {@link InventoryParser} before use,
 * so after parsing none of them is null, except the times a connector may not know
 * ({@code verification_failed_time}, {@code newest_file_time}). Fields that older connectors do not
 * send default to 0, false or empty.
 */
public record Inventory(Integer version, Connector connector, Instant scannedAt, Repository repository, List<Folder> folders,
    List<UnparseableCount> unparseableCounts) {
  public static final int VERSION = 1;

  public Inventory {
    unparseableCounts = unparseableCounts != null ? unparseableCounts : List.of();
  }

  public record Connector(String name, String version) {}

  public record Repository(Long sizeBytes, Long freeBytes) {}

  /** One folder of the repository, {@code CUSTOMER/FOLDER} on the connector. */
  public record Folder(String customer, String folder, Boolean managed, List<Volume> volumes) {
    /** The folder's path on the connector, also its {@code folder} label. */
    public String path() {
      return customer + "/" + folder;
    }
  }

  /**
   * One chain of a volume (several chains of one volume differ by {@code base}; one is current).
   * {@code newestImageTime} is the newest backup image's; {@code newestFileTime} that of any file of
   * the chain, consolidations included. {@code unverifiedImages} lack their {@code .md5};
   * {@code verificationFailed} means a {@code bad.log} exists.
   */
  public record Volume(String volume, String base, Boolean current, Integer depth, Images images, Instant newestImageTime,
      Long usageBytes, Long retentionBytes, Boolean broken, Boolean retentionUnexpected, Integer unverifiedImages,
      Boolean verificationFailed, Instant verificationFailedTime, Instant newestFileTime) {
    public Volume {
      unverifiedImages = unverifiedImages != null ? unverifiedImages : 0;
      verificationFailed = verificationFailed != null ? verificationFailed : false;
    }
  }

  public record Images(Integer base, Integer differential, Integer incremental, Integer daily, Integer weekly, Integer monthly,
      Integer rolling) {
    public Images {
      differential = differential != null ? differential : 0;
      rolling = rolling != null ? rolling : 0;
    }
  }

  /**
   * How many unparseable files one place holds: {@code folder} is a {@code CUSTOMER/FOLDER} path, a
   * {@code CUSTOMER}, or {@code ""} for files directly under the repository's root.
   */
  public record UnparseableCount(String folder, Long count) {}
}
