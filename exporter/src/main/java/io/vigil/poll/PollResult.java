package io.vigil.poll;

import java.util.Locale;

/** How one poll ended; the lower-case name is the {@code result} label of {@code vigil_poll_requests_total}. */
public enum PollResult {
  /** 200 with a valid inventory. */
  OK,
  /** 304: the inventory is the one we have (our ETag matched); the connector is up. */
  NOT_MODIFIED,
  /** No connection or no complete answer within the timeout. */
  TIMEOUT,
  /** Connection refused or reset, other I/O failures, an unreadable token file. */
  ERROR,
  /** 401 or 403: the token is wrong. */
  UNAUTHORIZED,
  /** Any other status (5xx, 404...). */
  HTTP_ERROR,
  /** A body that is not a valid inventory document. */
  MALFORMED,
  /** A body larger than the connector's {@code max_body_bytes}. */
  OVERSIZED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The connector answered with data we can use (new or unchanged). */
  public boolean up() {
    return this == OK || this == NOT_MODIFIED;
  }
}
