package io.vigil.state;

import io.vigil.model.EntityKind;

/** A push refused whole because it would give its tenant more entities of one kind than its limit. */
public record LimitExceeded(String tenant, EntityKind kind, int limit, int current, int adding) {
  public String message() {
    String kinds = kind.label() + "s";
    return "tenant '" + tenant + "' has " + current + " " + kinds + " and this push would add " + adding + " more, beyond its limit of "
        + limit + " (limits.max_" + kinds + "_per_tenant, or limits.max_" + kinds + " of the tenant). Nothing of it was kept:"
        + " retire " + kinds + " that are gone (POST /api/v1/retire) or have the limit raised";
  }
}
