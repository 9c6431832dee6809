package dev.stoker.ignition.emulator.gateway;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Gateway state over time: STARTING for the configured start-up time after each (re)start, then
 * COMMISSIONING while anything is unsettled, then RUNNING.
 */
public final class Lifecycle {

    public enum State { STARTING, COMMISSIONING, RUNNING }

    private final Duration startupTime;
    private final LongSupplier nanoClock;
    private final BooleanSupplier settled;
    private volatile long startedAt;

    public Lifecycle(Duration startupTime, LongSupplier nanoClock, BooleanSupplier settled) {
        this.startupTime = startupTime;
        this.nanoClock = nanoClock;
        this.settled = settled;
        this.startedAt = nanoClock.getAsLong();
    }

    public State state() {
        if (nanoClock.getAsLong() - startedAt < startupTime.toNanos()) {
            return State.STARTING;
        }
        return settled.getAsBoolean() ? State.RUNNING : State.COMMISSIONING;
    }

    /** An emulated restart: the gateway is STARTING again. */
    public void restart() {
        startedAt = nanoClock.getAsLong();
    }
}
