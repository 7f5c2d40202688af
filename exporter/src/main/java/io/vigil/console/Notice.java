package io.vigil.console;

/** A page that only says something: sign-in problems, a page or entity that does not exist, a store that cannot be read. */
public record Notice(String title, String message) {}
