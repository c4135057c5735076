package io.bulwark.engine.command;

/**
 * A trader arms its dead man's switch (SPEC section 10 v2): unless it arms again first, every live order of
 * the account is cancelled {@code seconds} of engine time after this command's timestamp. 0 disarms; a new
 * arm replaces the earlier deadline.
 */
public record ArmCancelAfter(String accountId, int seconds) implements Command {}
