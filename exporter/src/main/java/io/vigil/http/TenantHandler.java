package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers one endpoint under /tenants/{account}/, once {@link TenantRouter} has checked the key may read that tenant. */
interface TenantHandler {
  void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException;
}
