package io.vigil.report;

import java.time.Instant;

/**
 * One thing wrong in a digest: its kind, what it concerns ({@code subject}: a job as DEVICE / JOB, a device, a chain as
 * FOLDER VOLUME, a connector), a detail (a run's message, an error's), since when (may be null) and the link to look
 * at it (a path under the exporter, or a full URL with {@code reports.link_base}).
 */
public record Issue(IssueKind kind, String subject, String detail, Instant since, String link) {}
