package io.vigil.tls;

import java.nio.file.Path;

/** A TLS file that cannot be used: {@link #file()} says which, {@link #role()} what it was given as, {@link #problem()} why. */
public final class KeyMaterialException extends Exception {
    /** What a file is given as, so a caller can name the option that named it. */
    public enum Role { CERTIFICATE, PRIVATE_KEY, KEYSTORE, TRUSTED_CAS }

    private final transient Path file;
    private final Role role;
    private final String problem;

    public KeyMaterialException(Path file, Role role, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.role = role;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public Role role() {
        return role;
    }

    public String problem() {
        return problem;
    }
}
