package io.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks what is left in the data directory before SQLite opens it. SQLite itself starts an empty store over
 * a 0-byte database file (deleting the write-ahead log beside it), over a missing one whose log is still there,
 * and ignores a log whose header is not its own: each would silently drop the commits the files held.
 */
final class DamagedFiles {
  /** The WAL header: magic, format version, page size, checkpoint sequence, two salts, two checksums. */
  private static final int WAL_HEADER_BYTES = 32;
  private static final int WAL_MAGIC = 0x377f0682;
  private static final int WAL_FORMAT_VERSION = 3007000;

  private DamagedFiles() {}

  /** Throws naming the file and what to do when the files show a store that held data and cannot be read. */
  static void check(Path db) throws StoreException {
    Path wal = db.resolveSibling(db.getFileName() + "-wal");
    try {
      long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
      if (!Files.exists(db)) {
        if (walBytes > 0) {
          throw damaged("the store " + db + " is missing but its write-ahead log " + wal + " (" + walBytes + " bytes) is there,"
              + " so the store held data. Vigil did not start, so as not to start empty over it. Restore " + db.getFileName()
              + " from a backup, or move the -wal file out of the data directory to start with an empty store.");
        }
        return;
      }
      if (Files.size(db) == 0) {
        throw damaged("the store " + db + " is empty (0 bytes)" + (walBytes > 0 ? " while its write-ahead log " + wal + " holds "
            + walBytes + " bytes" : "") + ". Vigil did not start, so as not to start empty over it. Restore the file from a"
            + " backup; if it is a new store whose very first start was interrupted, delete it (with any -wal file beside it)"
            + " to start with an empty store.");
      }
      if (walBytes > WAL_HEADER_BYTES && !validWalHeader(wal)) {
        throw damaged("the write-ahead log " + wal + " of the store is damaged (its header is not SQLite's), so the commits"
            + " it holds cannot be read. Vigil did not start, so as not to drop them. Restore the store and its -wal file from"
            + " a backup, or move the -wal file out of the data directory to start from what " + db.getFileName()
            + " holds (losing the commits only the log held).");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + db + " or its write-ahead log: " + e.getMessage(), e);
    }
  }

  private static StoreException damaged(String message) {
    return new StoreException(message, null);
  }

  /** As SQLite checks it on recovery (https://www.sqlite.org/fileformat2.html#walformat). */
  private static boolean validWalHeader(Path wal) throws IOException {
    byte[] header;
    try (InputStream in = Files.newInputStream(wal)) {
      header = in.readNBytes(WAL_HEADER_BYTES);
    }
    ByteBuffer big = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
    int magic = big.getInt(0);
    int pageSize = big.getInt(8);
    if ((magic & ~1) != WAL_MAGIC || big.getInt(4) != WAL_FORMAT_VERSION
        || pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      return false;
    }
    // The checksum words are big-endian when the magic's last bit is set, little-endian otherwise.
    ByteBuffer words = ByteBuffer.wrap(header).order((magic & 1) == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int s0 = 0;
    int s1 = 0;
    for (int i = 0; i < 24; i += 8) {
      s0 += words.getInt(i) + s1;
      s1 += words.getInt(i + 4) + s0;
    }
    return s0 == big.getInt(24) && s1 == big.getInt(28);
  }
}
