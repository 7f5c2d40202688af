package io.vigil.connector.scan;

import io.vigil.connector.chain.Image;
import java.util.List;

/** The images found in one folder {@code ROOT/CUSTOMER/FOLDER}. */
public record FolderScan(FolderRef ref, List<Image> images) {
    public FolderScan {
        images = List.copyOf(images);
    }
}
