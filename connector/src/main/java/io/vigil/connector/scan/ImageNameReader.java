package io.vigil.connector.scan;

/** Reads the file names of one kind of image. Adding a kind means adding a reader. */
@FunctionalInterface
public interface ImageNameReader {

    /** Reads a file name (no folder); {@link ReadResult#NOT_MINE} when the name is not this reader's kind. */
    ReadResult read(String fileName);
}
