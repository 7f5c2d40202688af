package io.vigil.mail;

import java.net.BindException;

/** The SMTP listener's address is taken (or not this machine's): told apart from the HTTP listener's on the command line. */
public final class SmtpBindException extends BindException {
  public SmtpBindException(String listen, String reason) {
    super("cannot listen for mail on " + listen + ": " + reason);
  }
}
