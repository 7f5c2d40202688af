package io.vigil.bench;

import io.vigil.connector.ConnectorVersion;
import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.Image;
import io.vigil.connector.chain.ImageKind;
import io.vigil.connector.chain.ImageName;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.FolderScan;
import io.vigil.connector.scan.RepositoryScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The fleet's image-backup connectors and their volume chains, fully determined by the sizes. Folder
 * {@code f} is device {@code f}'s backup folder ({@code CUSTOMER/DEVICE}, so it belongs to that device's
 * customer and tenant) and holds two volumes, {@code C_VOL} and {@code D_VOL}: chain {@code i} is volume
 * {@code i % 2} of folder {@code i / 2}. Connector {@code k} belongs to tenant {@code k % tenants}; a
 * customer's folders all sit on one of its tenant's connectors. The inventories are built by the connector
 * module's own {@link InventoryBuilder} and {@link ChainAnalyzer}, from image lists instead of a disk walk.
 */
public record ChainModel(FleetModel fleet, int connectors, int chains) {
  static final String[] VOLUMES = {"C_VOL", "D_VOL"};
  /** Consolidated days before the plain incrementals; each daily file covers six incrementals. */
  static final int DAYS = 7;
  static final long MIB = 1L << 20;
  static final long REPOSITORY_SIZE_BYTES = 64L << 40;
  static final long GRACE_SECONDS = 86_400;
  private static final RetentionPolicy POLICY = new RetentionPolicy(Duration.ofDays(DAYS), 60);

  public ChainModel {
    if (chains < 0 || chains > VOLUMES.length * fleet.devices()) {
      throw new IllegalArgumentException("need 0 <= chains <= 2 x devices (two volumes per device folder), got " + chains);
    }
    if (chains > 0 && connectors < fleet.tenants()) {
      throw new IllegalArgumentException("need at least one connector per tenant (" + fleet.tenants() + "), got " + connectors);
    }
  }

  public int folders() {
    return (chains + VOLUMES.length - 1) / VOLUMES.length;
  }

  public String connector(int k) {
    return String.format("img%03d", k);
  }

  public String token(int k) {
    return "bench-connector-token-" + k;
  }

  public int tenantOfConnector(int k) {
    return k % fleet.tenants();
  }

  /** Folder {@code f} is on connector {@code tenant + tenants * n}: the tenant's customers are dealt round its connectors. */
  public int connectorOfFolder(int f) {
    int tenant = fleet.tenantOfDevice(f);
    int ofTenant = (connectors - tenant + fleet.tenants() - 1) / fleet.tenants();
    return tenant + fleet.tenants() * (fleet.customerOfDevice(f) / fleet.tenants() % ofTenant);
  }

  public FolderRef folder(int f) {
    return new FolderRef(fleet.customer(fleet.customerOfDevice(f)), fleet.device(f));
  }

  /** Chains (current volumes) that connector {@code k} serves. */
  public int chainsOn(int k) {
    int n = 0;
    for (int f = 0; f < folders(); f++) {
      if (connectorOfFolder(f) == k) {
        n += volumesIn(f);
      }
    }
    return n;
  }

  private int volumesIn(int f) {
    return Math.min(VOLUMES.length, chains - f * VOLUMES.length);
  }

  /**
   * The images of chain {@code i} as a scan at {@code asOf} would find them, {@code cycle} backup cycles
   * into the run: a base, {@value #DAYS} daily consolidations, then {@code 3 + cycle} plain incrementals an
   * hour apart, the newest up to half an hour before {@code asOf}. Every 50th chain misses its second plain
   * incremental (broken).
   */
  List<Image> images(int i, Instant asOf, int cycle) {
    String volume = VOLUMES[i % VOLUMES.length];
    String prefix = volume + "-b001";
    int plain = 3 + cycle;
    Instant newest = asOf.minusSeconds(i % 1800);
    Instant firstPlain = newest.minus(Duration.ofHours(plain - 1));
    List<Image> images = new ArrayList<>();
    images.add(new Image(prefix + ".spf", ImageName.base(volume, "b001", 1), (20_000 + i % 20_000) * MIB,
        firstPlain.minus(Duration.ofDays(DAYS + 1))));
    for (int d = 1; d <= DAYS; d++) {
      int first = 6 * d - 5;
      images.add(new Image(String.format("%s-i%03d-cd.spi", prefix, first),
          ImageName.consolidated(volume, "b001", 1, 0, first, ImageKind.DAILY), (1_000 + (i + d) % 500) * MIB,
          firstPlain.minus(Duration.ofDays(DAYS + 1 - d))));
    }
    for (int m = 0; m < plain; m++) {
      if (m == 1 && i % 50 == 0) {
        continue;
      }
      int n = 6 * DAYS + 1 + m;
      images.add(new Image(String.format("%s-i%03d.spi", prefix, n), ImageName.incremental(volume, "b001", 1, 0, n),
          (100 + (i + m) % 300) * MIB, firstPlain.plus(Duration.ofHours(m))));
    }
    return images;
  }

  /** Connector {@code k}'s inventory document as its scan at {@code asOf} (whole seconds) would build it. */
  public Inventory inventory(int k, Instant asOf, int cycle) {
    List<FolderScan> folders = new ArrayList<>();
    long imageBytes = 0;
    for (int f = 0; f < folders(); f++) {
      if (connectorOfFolder(f) != k) {
        continue;
      }
      List<Image> images = new ArrayList<>();
      for (int v = 0; v < volumesIn(f); v++) {
        images.addAll(images(VOLUMES.length * f + v, asOf, cycle));
      }
      imageBytes += images.stream().mapToLong(Image::bytes).sum();
      folders.add(new FolderScan(folder(f), images));
    }
    folders.sort((a, b) -> a.ref().compareTo(b.ref()));
    InventoryBuilder builder = new InventoryBuilder(new Inventory.Connector(connector(k), ConnectorVersion.get()), new ChainAnalyzer(),
        POLICY, Optional.empty());
    return builder.build("/srv/images/" + connector(k), new RepositoryScan(folders, List.of()), REPOSITORY_SIZE_BYTES,
        Math.max(0, REPOSITORY_SIZE_BYTES - imageBytes), asOf);
  }

  /**
   * The Pushgateway twin of connector {@code k}'s inventory, one group per connector (what a script on the
   * connector host would push after each scan: a PUT replaces the group, so vanished chains vanish as they do
   * from Vigil): the chain gauges of every current volume, the folders and the repository. Labels as Vigil's
   * except {@code connector}, which is the group's grouping label.
   */
  public String pushgatewayGroup(int k, Inventory inventory, Instant now) {
    String tenant = fleet.tenant(tenantOfConnector(k));
    StringBuilder out = new StringBuilder(64 * 1024);
    gauge(out, "vigil_repository_free_bytes", "tenant=\"" + tenant + "\"", inventory.repository().freeBytes());
    gauge(out, "vigil_repository_size_bytes", "tenant=\"" + tenant + "\"", inventory.repository().sizeBytes());
    out.append("# TYPE vigil_folder_unmanaged gauge\n");
    for (Inventory.Folder folder : inventory.folders()) {
      out.append("vigil_folder_unmanaged{").append(folderLabels(tenant, folder)).append("} 0\n");
    }
    String[] families = {"vigil_chain_depth", "vigil_chain_images", "vigil_chain_newest_image_timestamp_seconds",
        "vigil_chain_since_newest_image_seconds", "vigil_chain_usage_bytes", "vigil_chain_retention_bytes", "vigil_chain_broken",
        "vigil_chain_grace_seconds", "vigil_chain_retention_unexpected", "vigil_chain_newest_file_timestamp_seconds",
        "vigil_chain_unverified_images", "vigil_chain_verification_failed"};
    for (String family : families) {
      out.append("# TYPE ").append(family).append(" gauge\n");
      for (Inventory.Folder folder : inventory.folders()) {
        for (Inventory.Volume v : folder.volumes()) {
          if (!v.current()) {
            continue;
          }
          String labels = folderLabels(tenant, folder) + ",volume=\"" + v.volume() + "\"";
          if (family.equals("vigil_chain_images")) {
            for (ImageKind kind : ImageKind.values()) {
              out.append(family).append('{').append(labels).append(",kind=\"").append(kind.label()).append("\"} ")
                  .append(v.images().of(kind)).append('\n');
            }
            continue;
          }
          long value = switch (family) {
            case "vigil_chain_depth" -> v.depth();
            case "vigil_chain_newest_image_timestamp_seconds" -> v.newestImageTime().getEpochSecond();
            case "vigil_chain_since_newest_image_seconds" -> now.getEpochSecond() - v.newestImageTime().getEpochSecond();
            case "vigil_chain_usage_bytes" -> v.usageBytes();
            case "vigil_chain_retention_bytes" -> v.retentionBytes();
            case "vigil_chain_broken" -> v.broken() ? 1 : 0;
            case "vigil_chain_grace_seconds" -> GRACE_SECONDS;
            case "vigil_chain_newest_file_timestamp_seconds" -> v.newestFileTime().getEpochSecond();
            case "vigil_chain_unverified_images" -> v.unverifiedImages();
            case "vigil_chain_verification_failed" -> v.verificationFailed() ? 1 : 0;
            default -> v.retentionUnexpected() ? 1 : 0;
          };
          out.append(family).append('{').append(labels).append("} ").append(value).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String folderLabels(String tenant, Inventory.Folder folder) {
    return "tenant=\"" + tenant + "\",customer=\"" + folder.customer() + "\",folder=\"" + folder.customer() + "/" + folder.folder() + "\"";
  }

  private static void gauge(StringBuilder out, String name, String labels, long value) {
    out.append("# TYPE ").append(name).append(" gauge\n").append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  /** The {@code connectors:} section of tenant {@code t} in the exporter configuration; {@code url} gives connector k's base URL. */
  public String connectorsYaml(int t, IntFunction<String> url, long intervalSeconds) {
    if (chains == 0) {
      return "";
    }
    StringBuilder yaml = new StringBuilder("    chain_grace_seconds: " + GRACE_SECONDS + "\n    connectors:\n");
    for (int k = t; k < connectors; k += fleet.tenants()) {
      yaml.append("      - name: ").append(connector(k)).append("\n        url: ").append(url.apply(k)).append("\n        token: ")
          .append(token(k)).append("\n        interval_seconds: ").append(intervalSeconds).append('\n');
    }
    return yaml.toString();
  }
}
