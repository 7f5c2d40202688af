package io.vigil.config;

/**
 * One address a tenant takes notification mails on; its local part should be random, as it is the only secret a
 * sending product knows. {@code customer} (may be null) makes every mail to it that customer's, unless the
 * parser or a rule names one.
 */
public record MailAddressConfig(String address, String customer) {}
