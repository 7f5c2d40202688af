package io.vigil.connector.scan;

import java.util.Comparator;
import java.util.Objects;

/** A folder of the template {@code ROOT/CUSTOMER/FOLDER}. */
public record FolderRef(String customer, String folder) implements Comparable<FolderRef> {

    private static final Comparator<FolderRef> ORDER =
            Comparator.comparing(FolderRef::customer).thenComparing(FolderRef::folder);

    public FolderRef {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(folder, "folder");
    }

    /** {@code CUSTOMER/FOLDER}. */
    public String path() {
        return customer + "/" + folder;
    }

    @Override
    public int compareTo(FolderRef other) {
        return ORDER.compare(this, other);
    }
}
