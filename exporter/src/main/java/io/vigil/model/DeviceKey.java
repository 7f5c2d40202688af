package io.vigil.model;

/** Identifies one device (a backed-up machine or a site server) of a tenant's customer. */
public record DeviceKey(String tenant, String customer, String device) {}
