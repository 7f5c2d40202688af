package io.vigil.mail;

import io.vigil.config.LiveConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP mail transaction: MAIL (rate-limited per client address), RCPT (only the configured ingest addresses,
 * 550 otherwise), DATA (bounded; 552 beyond the size limit), then one {@link MailIngest#ingest} per mailbox, and the
 * final 250 only once every one of them is durable. Nothing thrown here reaches the client as anything but an SMTP
 * reply.
 */
final class SmtpTransaction implements MessageHandler {
  private final LiveConfig config;
  private final MailIngest ingest;
  private final MailMetrics metrics;
  private final AddressRate rate;
  private final String client;
  private final List<Mailbox> mailboxes = new ArrayList<>();
  private String sender = "";

  SmtpTransaction(LiveConfig config, MailIngest ingest, MailMetrics metrics, AddressRate rate, SocketAddress remote) {
    this.config = config;
    this.ingest = ingest;
    this.metrics = metrics;
    this.rate = rate;
    this.client = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
  }

  @Override
  public void from(String from) throws RejectException {
    if (!rate.admit(client)) {
      metrics.count(null, MailResult.REFUSED);
      throw new RejectException(451, "4.7.1 too many messages from " + client + " in the last minute; try again later");
    }
    sender = from == null ? "" : from;
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    Mailbox mailbox = recipient == null ? null : Mailbox.of(config.current(), recipient).orElse(null);
    if (mailbox == null) {
      metrics.count(null, MailResult.REFUSED);
      throw new RejectException(550, "5.1.1 no such mailbox here");
    }
    if (!mailboxes.contains(mailbox)) {
      mailboxes.add(mailbox);
    }
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    int max = config.current().smtp().maxMessageBytes();
    byte[] raw = data.readNBytes(max + 1);
    if (raw.length > max) {
      data.transferTo(OutputStream.nullOutputStream());
      mailboxes.forEach(mailbox -> metrics.count(mailbox.tenant(), MailResult.REFUSED));
      throw new RejectException(552, "5.3.4 the message is larger than " + max + " bytes");
    }
    Mail mail = ingest.read(raw, sender);
    for (Mailbox mailbox : mailboxes) {
      try {
        metrics.count(mailbox.tenant(), ingest.ingest(mailbox, mail));
      } catch (MailRefused e) {
        metrics.count(mailbox.tenant(), MailResult.REFUSED);
        throw new RejectException(e.code(), e.getMessage());
      }
    }
    return "2.0.0 kept";
  }

  @Override
  public void done() {}
}
