package dev.stoker.ignition.emulator.config;

/** A configuration problem that must stop the gateway before it starts; the message is shown to the operator. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
