package io.vigil.poll;

import java.time.Instant;
import java.util.List;

/**
 * The part of a connector's inventory document (connector/README.md, version 1) that the exporter
 * uses. Other fields are ignored; the ones here are checked by {@link InventoryParser} before use,
 * so after parsing none of them is null.
 */
public record Inventory(Integer version, Connector connector, Instant scannedAt, Repository repository, List<Folder> folders) {
  public static final int VERSION = 1;

  public record Connector(String name, String version) {}

  public record Repository(Long sizeBytes, Long freeBytes) {}

  /** One folder of the repository, {@code CUSTOMER/FOLDER} on the connector. */
  public record Folder(String customer, String folder, Boolean managed, List<Volume> volumes) {
    /** The folder's path on the connector, also its {@code folder} label. */
    public String path() {
      return customer + "/" + folder;
    }
  }

  /** One chain of a volume (several chains of one volume differ by {@code base}; one is current). */
  public record Volume(String volume, String base, Boolean current, Integer depth, Images images, Instant newestImageTime,
      Long usageBytes, Long retentionBytes, Boolean broken, Boolean retentionUnexpected) {}

  public record Images(Integer base, Integer incremental, Integer daily, Integer weekly, Integer monthly) {}
}
