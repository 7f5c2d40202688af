package io.vigil.mail;

/** A mail that cannot be kept: {@code code} 451 (temporary: the sending server retries) or 554 (permanent: it bounces). */
public final class MailRefused extends Exception {
  private final int code;

  private MailRefused(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static MailRefused temporarily(String message) {
    return new MailRefused(451, message);
  }

  static MailRefused permanently(String message) {
    return new MailRefused(554, message);
  }

  public int code() {
    return code;
  }
}
