package io.vigil.model;

/**
 * Anything an agent pushes: a finished job run, a heartbeat or an error event. Every layer handles the kinds
 * through a {@link Visitor}, so a new kind does not compile until each of them says what to do with it.
 */
public sealed interface Report permits JobRun, Heartbeat, ErrorEvent {
  <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

  /** The account of the tenant the report belongs to. */
  String tenant();

  /** One method per kind of report; {@code X} is what the handling may throw. */
  interface Visitor<R, X extends Exception> {
    R jobRun(JobRun run) throws X;

    R heartbeat(Heartbeat heartbeat) throws X;

    R errorEvent(ErrorEvent event) throws X;
  }
}
