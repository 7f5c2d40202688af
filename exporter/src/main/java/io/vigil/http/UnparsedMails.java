package io.vigil.http;

import io.vigil.model.UnparsedMail;
import io.vigil.store.StoreException;
import java.util.List;

/** The store's read of a tenant's kept unparsed mails, newest first ({@code Store::unparsed}). */
@FunctionalInterface
public interface UnparsedMails {
  List<UnparsedMail> unparsed(String tenant, int limit) throws StoreException;
}
