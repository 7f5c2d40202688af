package io.vigil.demo;

/** How a simulated job behaves, so the demo shows every status. */
enum Scenario {
  /** Every run succeeds. */
  OK,
  /** The newest run ends with warnings. */
  WARNING,
  /** The newest run fails once. */
  FAILED,
  /** The three newest runs fail. */
  FAILING,
  /** Succeeded until three days ago, then stopped reporting. */
  OVERDUE
}
