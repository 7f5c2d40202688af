package io.vigil.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw message (RFC 5322 with MIME) into a {@link Mail}, as much of it as can be read: a malformed structure,
 * an unknown charset or broken base64 gives the readable rest, never an exception. The text is the plain part of a
 * multipart/alternative (else its HTML part as text); text attachments are kept, the rest skipped. Everything is bounded.
 */
public final class MimeReader {
  static final int MAX_TEXT = 256 * 1024;
  static final int MAX_ATTACHMENT = 1024 * 1024;
  static final int MAX_ATTACHMENTS = 5;
  static final int MAX_PARTS = 100;
  static final int MAX_DEPTH = 10;
  static final int MAX_HEADER = 998;
  private static final Pattern ADDRESS = Pattern.compile("([^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+)");

  private final Session session;

  public MimeReader() {
    Properties props = new Properties();
    // Notification mails come from many products, some of them sloppy: read what can be read.
    props.setProperty("mail.mime.base64.ignoreerrors", "true");
    props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
    props.setProperty("mail.mime.address.strict", "false");
    props.setProperty("mail.mime.parameters.strict", "false");
    props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
    props.setProperty("mail.mime.decodetext.strict", "false");
    // Headers in raw UTF-8 (RFC 6532), as some products send them.
    props.setProperty("mail.mime.allowutf8", "true");
    this.session = Session.getInstance(props);
  }

  /** {@code envelopeSender}: the SMTP MAIL FROM, used when the message has no readable From. */
  public Mail read(byte[] raw, String envelopeSender) {
    Content content = new Content();
    String from = "";
    String subject = "";
    String messageId = null;
    Instant date = null;
    try {
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
      from = address(message.getHeader("From", ","));
      subject = clean(decodeHeader(message.getHeader("Subject", " ")));
      messageId = clean(message.getHeader("Message-ID", null));
      date = message.getSentDate() != null ? message.getSentDate().toInstant() : null;
      walk(message, content, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      // A message the library cannot take apart any further: what was read so far stands; a parser that finds
      // too little in it leaves the mail unparsed, kept and counted.
    }
    if (from.isEmpty()) {
      from = address(envelopeSender);
    }
    String text = content.plain.length() > 0 ? content.plain.toString() : HtmlText.of(content.html.toString());
    return new Mail(from, subject, messageId == null || messageId.isEmpty() ? "sha256:" + sha256(raw) : messageId, date,
        bound(text, MAX_TEXT), List.copyOf(content.attachments));
  }

  private void walk(Part part, Content content, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH || content.parts++ > MAX_PARTS) {
      return;
    }
    String type = baseType(part);
    if (type.startsWith("multipart/")) {
      Object body = part.getContent();
      if (body instanceof Multipart multipart) {
        int count = Math.min(multipart.getCount(), MAX_PARTS);
        for (int i = 0; i < count; i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child, content, depth + 1);
        }
        return;
      }
    }
    if (!type.startsWith("text/")) {
      return;
    }
    String name = fileName(part);
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || !name.isEmpty();
    if (attachment) {
      if (content.attachments.size() < MAX_ATTACHMENTS) {
        content.attachments.add(new Mail.Attachment(name, type, text(part, MAX_ATTACHMENT)));
      }
    } else if (type.equals("text/html")) {
      if (content.html.length() == 0) {
        content.html.append(text(part, MAX_TEXT));
      }
    } else if (content.plain.length() == 0) {
      content.plain.append(text(part, MAX_TEXT));
    }
  }

  /** The part's text in its charset; in UTF-8 (bad bytes replaced) when the charset is unknown or the content unreadable. */
  private static String text(Part part, int max) throws MessagingException {
    String charset = charset(part);
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readNBytes(max);
    } catch (IOException e) {
      return "";
    }
    if (charset != null) {
      try {
        return bound(new String(bytes, MimeUtility.javaCharset(charset)), max);
      } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
        // An unknown or misspelled charset: UTF-8 below reads the ASCII that notification mails are mostly made of.
      }
    }
    return bound(new String(bytes, StandardCharsets.UTF_8), max);
  }

  private static String charset(Part part) {
    try {
      String type = part.getContentType();
      return type == null ? null : new ContentType(type).getParameter("charset");
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String baseType(Part part) {
    try {
      String type = part.getContentType();
      return type == null ? "text/plain" : new ContentType(type).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return "text/plain";
    }
  }

  private static String disposition(Part part) {
    try {
      String disposition = part.getDisposition();
      return disposition == null ? "" : disposition;
    } catch (MessagingException | RuntimeException e) {
      return "";
    }
  }

  private static String fileName(Part part) {
    try {
      String name = part.getFileName();
      return name == null ? "" : clean(decodeHeader(name));
    } catch (MessagingException | RuntimeException e) {
      return "";
    }
  }

  private static String decodeHeader(String value) {
    if (value == null) {
      return "";
    }
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(value));
    } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
      return value;
    }
  }

  /** The first address in a header (lower case), or empty. */
  static String address(String header) {
    if (header == null) {
      return "";
    }
    Matcher m = ADDRESS.matcher(header);
    return m.find() ? bound(m.group(1), MAX_HEADER).toLowerCase(Locale.ROOT) : "";
  }

  /** One line: control characters become spaces, surrounding space goes, at most one header line long. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_HEADER));
    value.codePoints().limit(MAX_HEADER).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return out.toString().strip();
  }

  static String bound(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static final class Content {
    final StringBuilder plain = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<Mail.Attachment> attachments = new ArrayList<>();
    int parts;
  }
}
