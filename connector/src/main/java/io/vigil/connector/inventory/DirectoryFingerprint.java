package io.vigil.connector.inventory;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * A cheap summary of the repository's directories: the modification times of the root, each customer
 * folder and each image folder. Adding, removing or renaming an image changes its folder's time, so
 * a different fingerprint means a rescan is worth it. Rewriting a file in place does not change it;
 * the periodic rescan picks that up.
 */
final class DirectoryFingerprint {

    private DirectoryFingerprint() {}

    static long of(Path root) {
        long[] hash = {17};
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 2, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    add(dir, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isDirectory()) {
                        add(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    hash[0] = 31 * hash[0] + file.hashCode();
                    return FileVisitResult.CONTINUE;
                }

                private void add(Path dir, BasicFileAttributes attrs) {
                    hash[0] = 31 * hash[0] + dir.hashCode();
                    hash[0] = 31 * hash[0] + attrs.lastModifiedTime().toInstant().hashCode();
                }
            });
        } catch (IOException e) {
            hash[0] = 31 * hash[0] + e.getClass().hashCode();
        }
        return hash[0];
    }
}
