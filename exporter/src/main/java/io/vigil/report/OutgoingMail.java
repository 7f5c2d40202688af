package io.vigil.report;

import java.util.List;

/**
 * One report as a mail: its recipients, subject, the HTML body with its plain-text alternative, attachments, and the
 * Message-ID every attempt carries.
 */
public record OutgoingMail(List<String> to, String subject, String html, String text, List<Attachment> attachments,
    String messageId) {
  public OutgoingMail {
    to = List.copyOf(to);
    attachments = List.copyOf(attachments);
  }

  public record Attachment(String fileName, String contentType, byte[] bytes) {}
}
