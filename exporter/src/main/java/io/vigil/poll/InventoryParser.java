package io.vigil.poll;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses an inventory document: unknown fields are ignored (a newer connector may add some), every
 * field the exporter uses is checked, and any problem makes the whole document malformed.
 */
public final class InventoryParser {
  private static final int MAX_NAME = 255;
  // Image times become epoch-millisecond gauges and ages; far outside these bounds they overflow a long.
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  /** The checked inventory, or {@link MalformedInventoryException} naming the first problems. */
  public Inventory parse(byte[] body) throws MalformedInventoryException {
    Inventory inventory;
    try {
      inventory = json.readValue(body, Inventory.class);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      throw new MalformedInventoryException("not an inventory document: " + message.substring(0, Math.min(200, message.length())));
    } catch (IOException e) {
      throw new MalformedInventoryException("unreadable body: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    check(inventory, problems);
    if (!problems.isEmpty()) {
      throw new MalformedInventoryException(String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
    return inventory;
  }

  private static void check(Inventory inventory, List<String> problems) {
    if (inventory == null) {
      problems.add("empty document");
      return;
    }
    if (inventory.version() == null || inventory.version() != Inventory.VERSION) {
      problems.add("version: expected " + Inventory.VERSION + ", got " + inventory.version());
      return;
    }
    if (inventory.connector() == null || inventory.connector().version() == null) {
      problems.add("connector.version: missing");
    } else if (inventory.connector().version().isBlank() || inventory.connector().version().length() > MAX_NAME) {
      problems.add("connector.version: must be 1-" + MAX_NAME + " characters");
    }
    if (inventory.repository() == null) {
      problems.add("repository: missing");
    } else {
      nonNegative("repository.size_bytes", inventory.repository().sizeBytes(), problems);
      nonNegative("repository.free_bytes", inventory.repository().freeBytes(), problems);
    }
    checkUnparseable(inventory.unparseableCounts(), problems);
    if (inventory.folders() == null) {
      problems.add("folders: missing");
      return;
    }
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < inventory.folders().size(); i++) {
      Inventory.Folder folder = inventory.folders().get(i);
      String at = "folders[" + i + "]";
      if (folder == null) {
        problems.add(at + ": null");
        continue;
      }
      name(at + ".customer", folder.customer(), problems);
      name(at + ".folder", folder.folder(), problems);
      if (!paths.add(folder.path())) {
        problems.add(at + ": folder " + folder.path() + " is listed twice");
      }
      if (folder.managed() == null) {
        problems.add(at + ".managed: missing");
      }
      if (folder.volumes() == null) {
        problems.add(at + ".volumes: missing");
        continue;
      }
      checkVolumes(at, folder.volumes(), problems);
    }
  }

  private static void checkVolumes(String at, List<Inventory.Volume> volumes, List<String> problems) {
    Map<String, Integer> current = new TreeMap<>();
    Set<String> chains = new HashSet<>();
    for (int j = 0; j < volumes.size(); j++) {
      Inventory.Volume v = volumes.get(j);
      String here = at + ".volumes[" + j + "]";
      if (v == null) {
        problems.add(here + ": null");
        continue;
      }
      name(here + ".volume", v.volume(), problems);
      name(here + ".base", v.base(), problems);
      if (!chains.add(v.volume() + "\n" + v.base())) {
        problems.add(here + ": chain " + v.volume() + " " + v.base() + " is listed twice");
      }
      current.merge(String.valueOf(v.volume()), Boolean.TRUE.equals(v.current()) ? 1 : 0, Integer::sum);
      for (Object field : new Object[] {v.current(), v.broken(), v.retentionUnexpected(), v.newestImageTime(), v.images()}) {
        if (field == null) {
          problems.add(here + ": current, broken, retention_unexpected, newest_image_time and images are required");
          break;
        }
      }
      time(here + ".newest_image_time", v.newestImageTime(), problems);
      time(here + ".newest_file_time", v.newestFileTime(), problems);
      time(here + ".verification_failed_time", v.verificationFailedTime(), problems);
      nonNegative(here + ".depth", v.depth() == null ? null : v.depth().longValue(), problems);
      nonNegative(here + ".unverified_images", v.unverifiedImages().longValue(), problems);
      nonNegative(here + ".usage_bytes", v.usageBytes(), problems);
      nonNegative(here + ".retention_bytes", v.retentionBytes(), problems);
      if (v.images() != null) {
        Inventory.Images n = v.images();
        for (Integer count : new Integer[] {n.base(), n.differential(), n.incremental(), n.daily(), n.weekly(), n.monthly(), n.rolling()}) {
          nonNegative(here + ".images", count == null ? null : count.longValue(), problems);
        }
      }
    }
    current.forEach((volume, count) -> {
      if (count != 1) {
        problems.add(at + ": volume " + volume + " has " + count + " current chains, expected exactly one");
      }
    });
  }

  /** Each place once, named as a folder path, a customer or "" (the root), with a count. */
  private static void checkUnparseable(List<Inventory.UnparseableCount> counts, List<String> problems) {
    Set<String> places = new HashSet<>();
    for (int i = 0; i < counts.size(); i++) {
      Inventory.UnparseableCount place = counts.get(i);
      String at = "unparseable_counts[" + i + "]";
      if (place == null || place.folder() == null) {
        problems.add(at + ".folder: missing");
        continue;
      }
      if (!place.folder().isEmpty()) {
        String[] parts = place.folder().split("/", -1);
        if (parts.length > 2) {
          problems.add(at + ".folder: must be CUSTOMER/FOLDER, CUSTOMER or \"\"");
        }
        for (String part : parts) {
          name(at + ".folder", part, problems);
        }
      }
      if (!places.add(place.folder())) {
        problems.add(at + ": place '" + place.folder() + "' is listed twice");
      }
      nonNegative(at + ".count", place.count(), problems);
    }
  }

  private static void time(String key, Instant value, List<String> problems) {
    if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
      problems.add(key + ": must be between " + EARLIEST + " and " + LATEST + ", got " + value);
    }
  }

  private static void name(String key, String value, List<String> problems) {
    if (value == null || value.isBlank() || value.length() > MAX_NAME || value.contains("/")) {
      problems.add(key + ": must be 1-" + MAX_NAME + " characters without '/'");
    }
  }

  private static void nonNegative(String key, Long value, List<String> problems) {
    if (value == null || value < 0) {
      problems.add(key + ": must be a number 0 or greater, got " + value);
    }
  }

  /** The body is not a usable inventory. */
  public static final class MalformedInventoryException extends Exception {
    public MalformedInventoryException(String message) {
      super(message);
    }
  }
}
