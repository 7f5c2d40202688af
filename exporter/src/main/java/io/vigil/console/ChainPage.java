package io.vigil.console;

import java.util.List;

/**
 * The chain visualiser of one volume: a drawing per chain (the current one first), or {@code error} saying why the
 * connector could not give them.
 */
public record ChainPage(String connector, String folder, String volume, String customer, String customerLink, String error,
    List<ChainDrawing> chains) {}
