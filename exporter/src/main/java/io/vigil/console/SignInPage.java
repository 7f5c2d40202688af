package io.vigil.console;

/** The sign-in form; {@code problem} says why the last attempt failed, {@code signedOut} that a sign-out just happened. */
public record SignInPage(String problem, boolean signedOut) {}
