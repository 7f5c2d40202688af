package io.vigil.connector.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks {@code ROOT/CUSTOMER/FOLDER/} two levels deep and reads image names; never opens a file.
 * Size and modification time (truncated to seconds) come from the directory walk. Entries whose name
 * starts with a dot are skipped. Anything else that is not an image in a folder of the template is
 * reported as {@link Unparseable}; I/O errors are reported the same way and never end the scan.
 */
public final class RepositoryScanner {

    private final Path root;
    private final ImageNames names;

    public RepositoryScanner(Path root, ImageNames names) {
        this.root = root;
        this.names = names;
    }

    public Path root() {
        return root;
    }

    public RepositoryScan scan() {
        Walker walker = new Walker();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 3, walker);
        } catch (IOException e) {
            walker.unparseable.add(new Unparseable("", "cannot read the repository: " + e));
        }
        List<FolderScan> folders = new ArrayList<>();
        walker.folders.values().forEach(files -> folders.add(files.scan()));
        walker.unparseable.sort(Comparator.comparing(Unparseable::path));
        return new RepositoryScan(folders, walker.unparseable);
    }

    private final class Walker implements FileVisitor<Path> {
        final Map<FolderRef, FolderFiles> folders = new TreeMap<>();
        final List<Unparseable> unparseable = new ArrayList<>();
        /** Depth of the directory being visited (the root is 0): the walk is depth-first. */
        int depth = -1;
        /** The folder of the template being visited, when {@code depth == 2}. */
        FolderFiles current;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (depth >= 0 && skipped(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            depth++;
            if (depth == 2) {
                FolderRef ref = ref(dir);
                current = new FolderFiles(ref);
                folders.put(ref, current);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (skipped(file)) {
                return FileVisitResult.CONTINUE;
            }
            if (depth < 2) {
                unparseable.add(new Unparseable(relative(file),
                        "not inside a folder of the template ROOT/CUSTOMER/FOLDER"));
            } else if (attrs.isDirectory()) {
                unparseable.add(new Unparseable(relative(file) + "/",
                        "sub-folders of a managed folder are not scanned"));
            } else if (!attrs.isRegularFile()) {
                unparseable.add(new Unparseable(relative(file), "not a regular file"));
            } else {
                String fileName = file.getFileName().toString();
                FileName what = names.read(fileName);
                if (what instanceof FileName.Rejected rejected) {
                    unparseable.add(new Unparseable(relative(file), rejected.reason()));
                } else {
                    current.add(fileName, what, attrs.size(),
                            attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS));
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!skipped(file)) {
                unparseable.add(new Unparseable(relative(file), "cannot read: " + e));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            depth--;
            if (e != null) {
                unparseable.add(new Unparseable(relative(dir) + "/", "cannot list: " + e));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private FolderRef ref(Path folderDir) {
        Path rel = root.relativize(folderDir);
        return new FolderRef(rel.getName(0).toString(), rel.getName(1).toString());
    }

    private String relative(Path path) {
        Path rel = root.relativize(path);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** Hidden entries and Windows' own ({@code Thumbs.db}, {@code $RECYCLE.BIN}, ...) are skipped silently. */
    private static boolean skipped(Path path) {
        Path name = path.getFileName();
        return name != null && (name.toString().startsWith(".") || ImageNames.isClutter(name.toString()));
    }
}
