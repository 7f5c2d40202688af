package io.vigil.report;

import io.vigil.config.SmtpConfig;
import io.vigil.config.SmtpSecurity;
import io.vigil.tls.KeyMaterial;
import io.vigil.tls.KeyMaterialException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Date;
import java.util.Properties;

/**
 * Sends through the configured relay with Jakarta Mail (Angus): STARTTLS required or implicit TLS, the relay's
 * certificate checked against {@code ca_file} (else the JVM's trust store) and its name against the host, never a fall
 * back to plain text; every connect, read and write bounded by the timeout. The body is {@code multipart/alternative} (text, then
 * HTML) inside {@code multipart/mixed} with the attachments.
 */
public final class SmtpMailer implements Mailer {
  private final SmtpConfig smtp;

  public SmtpMailer(SmtpConfig smtp) {
    this.smtp = smtp;
  }

  @Override
  public void send(OutgoingMail mail) throws MailFailure {
    try {
      Session session = Session.getInstance(properties());
      MimeMessage message = message(session, mail);
      String password = smtp.password();
      try (Transport transport = session.getTransport(smtp.security() == SmtpSecurity.TLS ? "smtps" : "smtp")) {
        transport.connect(smtp.host(), smtp.port(), smtp.username(), password);
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new MailFailure("the relay " + smtp.host() + ":" + smtp.port() + " did not take the mail: " + describe(e), e);
    } catch (KeyMaterialException e) {
      throw new MailFailure("cannot read the relay's CA file " + e.file() + ": " + e.problem(), e);
    } catch (GeneralSecurityException e) {
      throw new MailFailure("cannot set up TLS to the relay: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MailFailure("cannot read the relay's password file " + smtp.passwordFile() + ": " + e.getMessage(), e);
    }
  }

  private Properties properties() throws KeyMaterialException, GeneralSecurityException {
    String protocol = smtp.security() == SmtpSecurity.TLS ? "smtps" : "smtp";
    String timeout = Long.toString(smtp.timeout().toMillis());
    Properties props = new Properties();
    props.put("mail." + protocol + ".connectiontimeout", timeout);
    props.put("mail." + protocol + ".timeout", timeout);
    props.put("mail." + protocol + ".writetimeout", timeout);
    props.put("mail." + protocol + ".auth", Boolean.toString(smtp.username() != null));
    if (smtp.security() == SmtpSecurity.STARTTLS) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.security() != SmtpSecurity.NONE) {
      props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
      KeyStore trust = smtp.trust();
      if (trust != null) {
        // Angus takes the factory object itself, for the implicit TLS socket and for the STARTTLS layer alike.
        props.put("mail." + protocol + ".ssl.socketFactory",
            KeyMaterial.sslContext((KeyMaterial.Identity) null, trust).getSocketFactory());
      }
    }
    return props;
  }

  private MimeMessage message(Session session, OutgoingMail mail) throws MessagingException {
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", mail.messageId());
      }
    };
    message.setFrom(new InternetAddress(smtp.from(), true));
    for (String to : mail.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
    alternative.addBodyPart(html);
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    mixed.addBodyPart(body);
    for (OutgoingMail.Attachment attachment : mail.attachments()) {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
      part.setFileName(attachment.fileName());
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
    message.saveChanges();
    return message;
  }

  private static String describe(MessagingException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    return cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)
        ? message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")" : String.valueOf(message);
  }
}
