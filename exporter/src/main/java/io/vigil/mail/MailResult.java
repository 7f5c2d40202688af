package io.vigil.mail;

/** What became of a mail for one recipient: the {@code result} label of {@code vigil_email_messages_total}. */
public enum MailResult {
  /** Its job reports were committed. */
  ACCEPTED,
  /** The same Message-ID was delivered before: nothing new was kept. */
  DUPLICATE,
  /** No parser understood it: kept in the tenant's unparsed list. */
  UNPARSED,
  /** Refused with a 4xx or 5xx answer (unknown recipient, too big, too many, store failure, entity limit). */
  REFUSED;

  public String label() {
    return name().toLowerCase();
  }
}
