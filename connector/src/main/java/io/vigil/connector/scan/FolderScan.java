package io.vigil.connector.scan;

import io.vigil.connector.chain.Image;
import io.vigil.connector.chain.VerificationLog;
import java.util.List;

/** The images found in one folder {@code ROOT/CUSTOMER/FOLDER}, with the verification logs beside them. */
public record FolderScan(FolderRef ref, List<Image> images, List<VerificationLog> verificationLogs) {
    public FolderScan {
        images = List.copyOf(images);
        verificationLogs = List.copyOf(verificationLogs);
    }

    public FolderScan(FolderRef ref, List<Image> images) {
        this(ref, images, List.of());
    }
}
