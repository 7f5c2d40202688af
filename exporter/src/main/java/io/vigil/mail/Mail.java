package io.vigil.mail;

import java.time.Instant;
import java.util.List;

/**
 * What the parsers read of one notification mail: the sender's address (lower case), the subject, the Message-ID,
 * the Date header (null when absent or unreadable), the text (the plain part, else the HTML part as text) and the
 * text attachments. Every field is bounded by {@link MimeReader}; none is null but {@code date}.
 */
public record Mail(String from, String subject, String messageId, Instant date, String text, List<Attachment> attachments) {
  /** A text attachment: its file name (may be empty), its MIME type in lower case, and its content. */
  public record Attachment(String name, String type, String content) {
    public boolean isCsv() {
      return type.equals("text/csv") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }
  }

  /** The sender's domain, lower case; empty when the sender has none. */
  public String senderDomain() {
    int at = from.lastIndexOf('@');
    return at < 0 ? "" : from.substring(at + 1);
  }
}
