package io.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the inputs of one fuzz target. Where the build asks for fuzzing ({@code -Dvigil.fuzz.required=true},
 * set by the exporter's Failsafe "fuzz" execution), a run that did not really fuzz fails: Jazzer not in
 * fuzzing mode (JAZZER_FUZZ unset) or only a handful of inputs. Run alone without it, the target only
 * replays its stored inputs, as Jazzer's regression mode does.
 */
public final class FuzzRun {
  /** Far fewer than a 20 s fuzzing run executes even on a slow machine, far more than the stored inputs. */
  private static final long MIN_FUZZED_INPUTS = 100;

  private final String target;
  private long inputs;

  public FuzzRun(String target) {
    this.target = target;
  }

  public void input() {
    inputs++;
  }

  public void assertFuzzed() {
    System.out.printf("fuzz target %s: %d inputs%n", target, inputs);
    if (!Boolean.getBoolean("vigil.fuzz.required")) {
      return;
    }
    assertThat(System.getenv("JAZZER_FUZZ")).as("%s must run in Jazzer's fuzzing mode: set JAZZER_FUZZ=1", target).isNotBlank();
    assertThat(inputs).as("inputs fuzzed by %s", target).isGreaterThanOrEqualTo(MIN_FUZZED_INPUTS);
  }
}
