package io.vigil.model;

import java.time.Instant;

/**
 * A notification mail that no parser understood, kept so an operator can see it and write a rule for it:
 * who sent it, its subject, why it was not understood, and the start of its text.
 */
public record UnparsedMail(String tenant, String messageId, Instant receivedAt, String from, String subject, String reason,
    String excerpt) {}
