package io.vigil.mail;

/** A parser recognised the mail as its product's but could not read it; the message says why, for the unparsed list. */
public final class NotUnderstood extends Exception {
  public NotUnderstood(String reason) {
    super(reason, null, false, false);
  }
}
