package io.vigil.connector.scan;

import java.util.List;

/**
 * What one walk of the repository found.
 *
 * @param folders     every folder of the template, sorted, with its images
 * @param unparseable files and folders that were not used, sorted by path
 */
public record RepositoryScan(List<FolderScan> folders, List<Unparseable> unparseable) {
    public RepositoryScan {
        folders = List.copyOf(folders);
        unparseable = List.copyOf(unparseable);
    }
}
