package io.vigil.connector.chain;

/**
 * One file of an analysed chain: the points it covers and whether the newest point is restored through it.
 *
 * @param image         the file
 * @param line          0 for the base and the files that depend on it, D for differential D and its files
 * @param first         first point covered (0 for a base or a differential)
 * @param last          last point covered
 * @param onRestorePath whether it is on the restore path of the chain's newest point
 */
public record ChainFile(Image image, long line, long first, long last, boolean onRestorePath) {}
