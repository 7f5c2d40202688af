package io.vigil.poll;

/**
 * What the newest poll of a connector found, as replicas share it through the store: its status, and the inventory
 * it brought ({@code lastGood}; null when the poll brought none: it failed, or the connector answered 304).
 */
public record PolledConnector(ConnectorKey key, ConnectorStates.Status status, ConnectorStates.LastGood lastGood) {}
