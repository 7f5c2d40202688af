package io.vigil.connector.tls;

import java.nio.file.Path;

/** A certificate, key or keystore file that cannot be used; {@link #file()} says which, {@link #problem()} why. */
public final class KeyMaterialException extends Exception {
    private final transient Path file;
    private final String problem;

    public KeyMaterialException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
