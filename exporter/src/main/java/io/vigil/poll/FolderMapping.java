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
    // Most tenants map no folder by hand: then the path is not even put together (this runs for every folder at each scrape).
    Optional<FolderConfig> explicit = config.tenant(tenant).filter(t -> !t.folders().isEmpty())
        .flatMap(t -> t.folder(connector, folder.path()));
    if (explicit.isEmpty()) {
      return new Placement(folder.customer(), config.chainGraceFor(tenant));
    }
    FolderConfig mapped = explicit.get();
    return new Placement(mapped.customer() != null ? mapped.customer() : folder.customer(),
        mapped.graceSeconds() != null ? Duration.ofSeconds(mapped.graceSeconds()) : config.chainGraceFor(tenant));
  }
}
