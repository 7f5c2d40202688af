package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.model.UnparsedMail;
import io.vigil.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /tenants/{account}/unparsed-mail: the notification mails no parser understood, newest first, JSON. */
record UnparsedMailHandler(UnparsedMails mails, LiveConfig config) implements TenantHandler {
  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<UnparsedMail> kept;
    try {
      kept = mails.unparsed(account, config.current().smtp().unparsedKeptPerTenant());
    } catch (StoreException e) {
      Json.error(response, 503, "the unparsed mails cannot be read now: " + e.getMessage());
      return;
    }
    Json.send(response, 200, Map.of("mails", kept.stream().map(UnparsedMailHandler::describe).toList()));
  }

  private static Map<String, Object> describe(UnparsedMail mail) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("message_id", mail.messageId());
    item.put("received_at", mail.receivedAt().toString());
    item.put("from", mail.from());
    item.put("subject", mail.subject());
    item.put("reason", mail.reason());
    item.put("excerpt", mail.excerpt());
    return item;
  }
}
