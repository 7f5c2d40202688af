package io.vigil.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs that the test mounts itself, to fill up or remount read-only; unmounted on close.
 * Mounting needs root (CAP_SYS_ADMIN): without it the test fails, it never skips.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path root;

  private Tmpfs(Path root) {
    this.root = root;
  }

  public static Tmpfs mount(Path mountPoint, String size) throws Exception {
    Files.createDirectories(mountPoint);
    String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "vigil-test", mountPoint.toString());
    if (output != null) {
      throw new AssertionError("cannot mount a " + size + " tmpfs at " + mountPoint + " (the storage fault tests need root,"
          + " or CAP_SYS_ADMIN, to mount one; they do not skip): " + output);
    }
    return new Tmpfs(mountPoint);
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

  /** {@code mount -o remount,MODE}; returns null on success, else mount's complaint. */
  public String remount(String mode) throws Exception {
    return run("mount", "-o", "remount," + mode, root.toString());
  }

  private Path filler() {
    return root.resolve("filler");
  }

  @Override
  public void close() throws Exception {
    String output = run("umount", root.toString());
    if (output != null) {
      // Still busy (a process the test started has not let go yet): detach now, freed when the last file closes.
      run("umount", "-l", root.toString());
    }
  }

  /** Runs a command; null when it exits 0, else its exit code and output. */
  static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return String.join(" ", command) + " did not finish within 60 s";
    }
    return process.exitValue() == 0 ? null : String.join(" ", command) + " exited " + process.exitValue() + ": " + output.strip();
  }
}
