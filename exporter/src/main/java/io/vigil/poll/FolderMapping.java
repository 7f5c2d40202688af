package io.vigil.poll;

import io.vigil.config.FolderConfig;
import io.vigil.config.VigilConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Which customer a connector's folder belongs to, and its grace (monitoring priority): by the path
 * ({@code CUSTOMER/FOLDER}) unless the tenant's {@code folders} assign it explicitly, which is how a
 * folder moves to another customer. Pure: configuration in, placement out.
 */
public final class FolderMapping {
  /** The customer a folder counts for and the grace of its chains. */
  public record Placement(String customer, Duration grace) {}

  private FolderMapping() {}

  public static Placement place(VigilConfig config, String tenant, String connector, Inventory.Folder folder) {
    Optional<FolderConfig> explicit = config.tenant(tenant).flatMap(t -> t.folder(connector, folder.path()));
    String customer = explicit.map(FolderConfig::customer).orElse(folder.customer());
    Duration grace = explicit.map(FolderConfig::graceSeconds).map(Duration::ofSeconds).orElse(config.chainGraceFor(tenant));
    return new Placement(customer, grace);
  }
}
