package io.vigil.mail;

import java.util.List;

/**
 * Reads one product's notification mails: an empty list for a mail that is not its product's, {@link NotUnderstood}
 * for one that is but cannot be read. Nothing else is thrown, whatever the mail holds.
 */
public interface MailParser {
  /** The product, reported as the runs' {@code product}. */
  String product();

  List<ParsedRun> parse(Mail mail) throws NotUnderstood;
}
