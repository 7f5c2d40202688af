package io.vigil.model;

/** Anything an agent pushes: a finished job run, a heartbeat or an error event. */
public sealed interface Report permits JobRun, Heartbeat, ErrorEvent {}
