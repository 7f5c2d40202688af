package io.vigil.report;

import io.vigil.model.JobStatus;
import java.util.Locale;

/** What can be wrong in a daily digest, in the order the digest lists them. */
public enum IssueKind {
  FAILED("Failed jobs"),
  MISSED("Missed runs"),
  OVERDUE("Overdue jobs"),
  WARNING("Jobs with warnings"),
  FAILED_LAST_NIGHT("Failed last night, since recovered"),
  DEVICE_UNAVAILABLE("Unavailable devices"),
  DEVICE_ERROR("Active device errors"),
  CHAIN_BROKEN("Broken image chains"),
  CHAIN_UNVERIFIED("Unverified image chains"),
  CHAIN_OVERDUE("Overdue image chains"),
  CONNECTOR_DOWN("Connectors down"),
  UNMANAGED_FOLDER("Unmanaged folders");

  private final String title;

  IssueKind(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The issue a job's status is, or null for a job that is ok. */
  static IssueKind of(JobStatus status) {
    return switch (status) {
      case OK -> null;
      case WARNING -> WARNING;
      case FAILED -> FAILED;
      case OVERDUE -> OVERDUE;
      case MISSED -> MISSED;
    };
  }
}
