package io.vigil.mail;

import io.vigil.model.JobResult;
import java.time.Instant;

/**
 * One job run a parser read from a mail. {@code customer} and {@code device} may be null (the mapping fills them
 * in); {@code startedAt} and {@code endedAt} may be null (the mail's date stands in); {@code bytes} may be null.
 */
public record ParsedRun(String customer, String device, String job, JobResult result, Instant startedAt, Instant endedAt, Long bytes,
    String message) {}
