package io.vigil.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system that the test mounts itself, to fill up or to break; unmounted on close. Mounting
 * needs root (CAP_SYS_ADMIN): without it the test fails, it never skips.
 */
public final class ScratchDisk implements AutoCloseable {
  private final Path root;
  private final List<String> mount;

  /** Mounts at root with {@code mount ARGS root}. */
  private ScratchDisk(Path root, String... mountArgs) throws IOException {
    this.root = root;
    this.mount = List.of(mountArgs);
    Files.createDirectories(root);
    mount();
  }

  /** A tmpfs of the given size ("2m"). */
  public static ScratchDisk tmpfs(Path mountPoint, String size) throws IOException {
    return new ScratchDisk(mountPoint, "-t", "tmpfs", "-o", "size=" + size, "vigil-test");
  }

  /** An ext4 file system in an image file on a loop device, which the kernel makes read-only on errors. */
  public static ScratchDisk ext4(Path image, Path mountPoint, String size) throws IOException {
    require("truncate", "-s", size, image.toString());
    require("mkfs.ext4", "-q", "-F", image.toString());
    return new ScratchDisk(mountPoint, "-o", "loop,errors=remount-ro", image.toString());
  }

  public Path root() {
    return root;
  }

  /** Writes zeros into a filler file until the file system has no space left. */
  public void fill() throws IOException {
    byte[] zeros = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler())) {
      while (true) {
        out.write(zeros);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
  }

  /** Deletes the filler: the space is back. */
  public void free() throws IOException {
    Files.delete(filler());
  }

  /** {@code mount -o remount,MODE}. */
  public void remount(String mode) throws IOException {
    require("mount", "-o", "remount," + mode, root.toString());
  }

  /**
   * Reports an ext4 error, as a failing disk would: with errors=remount-ro the kernel makes the file
   * system read-only at once, open files included; only unmounting and mounting again undoes it.
   */
  public void failWithErrors() throws IOException {
    String device = run("findmnt", "-n", "-o", "SOURCE", root.toString()).strip();
    Files.writeString(Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error"), "1");
  }

  /** What an operator does after disk errors: unmount, check and repair, mount again. */
  public void repairAndMountAgain() throws IOException {
    require("umount", root.toString());
    run("e2fsck", "-f", "-y", mount.get(mount.size() - 1));
    mount();
  }

  private void mount() throws IOException {
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(mount);
    command.add(root.toString());
    require(command.toArray(String[]::new));
  }

  private Path filler() {
    return root.resolve("filler");
  }

  @Override
  public void close() throws IOException {
    try {
      require("umount", root.toString());
    } catch (AssertionError busy) {
      // A process the test started has not let go yet: detach now, freed when its last file closes.
      run("umount", "-l", root.toString());
    }
  }

  private static void require(String... command) throws IOException {
    Process process = start(command);
    String output = new String(process.getInputStream().readAllBytes());
    if (!finished(process) || process.exitValue() != 0) {
      throw new AssertionError("'" + String.join(" ", command) + "' failed (the storage fault tests run as root, to mount file systems;"
          + " they do not skip): " + output.strip());
    }
  }

  /** Runs a command and returns its output, whatever its exit code. */
  private static String run(String... command) throws IOException {
    Process process = start(command);
    String output = new String(process.getInputStream().readAllBytes());
    finished(process);
    return output;
  }

  private static boolean finished(Process process) throws IOException {
    try {
      return process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + process.info().commandLine().orElse("a command"), e);
    }
  }

  private static Process start(String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
