package io.vigil.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * The store file and its write-ahead log as the exporter opened them (their file keys: device and inode). A
 * commit written to files that were since deleted or replaced is lost at the next start, which opens
 * whatever stands at these paths then. Worse, once the store file is replaced, the next start would replay
 * this store's write-ahead log over the replacement: the commit check sets it aside.
 */
record StoreFiles(Path db, Path wal, Object dbKey, Object walKey) {
  private static final String WHAT_TO_DO = "every write is refused (503) from now on. Stop the exporter, put the store"
      + " file back (or restore it from a backup) and start it again; agents re-send what was refused.";

  /** Notes the identity of the files as they are now, once the store is open. */
  static StoreFiles opened(Path db) throws StoreException {
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    try {
      return new StoreFiles(db, wal, key(db), Files.exists(wal) ? key(wal) : null);
    } catch (IOException e) {
      throw new StoreException("cannot read the attributes of " + db + ": " + e.getMessage(), e);
    }
  }

  /** What happened to the files since they were opened, with what to do; empty while they are the same. */
  Optional<String> fault() {
    return changed(db, dbKey, "").or(() -> walKey == null ? Optional.empty() : changed(wal, walKey, ""));
  }

  /**
   * As {@link #fault()}, for a commit: when the store file was replaced, this store's write-ahead log is moved
   * aside first (if it is still at its path), so that the next start opens the replacement as it is.
   */
  Optional<String> faultOnCommit() {
    if (Files.exists(db) && !same(db, dbKey) && walKey != null && same(wal, walKey)) {
      Path aside = wal.resolveSibling(wal.getFileName() + ".of-replaced-store");
      try {
        Files.move(wal, aside, StandardCopyOption.REPLACE_EXISTING);
        return changed(db, dbKey, " (its write-ahead log was moved to " + aside + ", so the next start opens the replacement"
            + " as it is)");
      } catch (IOException e) {
        return changed(db, dbKey, " (its write-ahead log " + wal + " could not be moved aside: " + e.getMessage()
            + "; move it out of the data directory before the next start, or that start replays it over the replacement)");
      }
    }
    return fault();
  }

  /** The file at this path is still the one opened. */
  private static boolean same(Path file, Object opened) {
    try {
      return Objects.equals(key(file), opened);
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<String> changed(Path file, Object opened, String note) {
    try {
      Object now = key(file);
      return Objects.equals(now, opened) ? Optional.empty()
          : Optional.of("the store file " + file + " was replaced by another file while the exporter ran" + note + ": " + WHAT_TO_DO);
    } catch (NoSuchFileException e) {
      return Optional.of("the store file " + file + " was deleted while the exporter ran: " + WHAT_TO_DO);
    } catch (IOException e) {
      return Optional.of("the store file " + file + " cannot be checked (" + e.getMessage() + "): " + WHAT_TO_DO);
    }
  }

  private static Object key(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }
}
