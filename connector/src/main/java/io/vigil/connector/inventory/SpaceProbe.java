package io.vigil.connector.inventory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the size and free space of the file store that holds a path. */
@FunctionalInterface
public interface SpaceProbe {

    /** Size and usable bytes. */
    record Space(long sizeBytes, long freeBytes) {}

    Space probe(Path path) throws IOException;

    /** The real file store ({@link FileStore#getTotalSpace()}, {@link FileStore#getUsableSpace()}). */
    static SpaceProbe fileStore() {
        return path -> {
            FileStore store = Files.getFileStore(path);
            return new Space(store.getTotalSpace(), store.getUsableSpace());
        };
    }
}
