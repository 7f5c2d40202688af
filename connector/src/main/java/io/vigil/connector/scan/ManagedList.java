package io.vigil.connector.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The managed folders, one {@code CUSTOMER/FOLDER} a line. Blank lines and lines starting with
 * {@code #} are skipped. Names are compared exactly (case-sensitive).
 */
public final class ManagedList {

    private final Set<FolderRef> folders;

    public ManagedList(Set<FolderRef> folders) {
        this.folders = Set.copyOf(folders);
    }

    /** Reads a list file; a line that is not {@code CUSTOMER/FOLDER} fails with its line number. */
    public static ManagedList read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    public static ManagedList parse(List<String> lines, String source) {
        Set<FolderRef> folders = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                errors.add(source + ":" + (i + 1) + ": expected CUSTOMER/FOLDER, got \"" + line + "\"");
            } else {
                folders.add(new FolderRef(parts[0].strip(), parts[1].strip()));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new ManagedList(folders);
    }

    public boolean contains(FolderRef folder) {
        return folders.contains(folder);
    }

    /** The listed folders, sorted. */
    public List<FolderRef> folders() {
        return folders.stream().sorted().toList();
    }
}
