package io.vigil.report;

/** Hands a mail to the relay; returns once the relay has accepted it for every recipient. */
@FunctionalInterface
public interface Mailer {
  void send(OutgoingMail mail) throws MailFailure;

  /** The relay did not accept the mail (refused, unreachable, timed out); the message says why, never a password. */
  final class MailFailure extends Exception {
    public MailFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
