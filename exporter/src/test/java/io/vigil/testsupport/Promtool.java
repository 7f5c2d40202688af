package io.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool check metrics}; fails (never skips) when promtool is not installed. */
public final class Promtool {
  private Promtool() {}

  public static void assertValidExposition(String exposition) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("promtool is required (apt-get install prometheus): " + e.getMessage(), e);
    }
    process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool check metrics said:%n%s", output).isZero();
  }
}
