package dev.stoker.api.runtime;

import java.time.Instant;

/**
 * A running container's resource figures as its runtime reports them, e.g. the Docker engine's stats.
 *
 * @param read when the runtime took the figures
 * @param memoryUsedBytes memory in use, without the page cache the kernel can drop
 * @param memoryLimitBytes the memory limit, or the host's memory when there is none; 0 when unknown
 * @param cpuRatio share of the host's CPU time the container used since the runtime's previous reading, 0 to 1
 *     ({@code NaN} when the runtime gave no previous reading)
 * @param onlineCpus CPUs of the host the container may use; 0 when unknown
 * @param networkReceivedBytes bytes received on every interface since the container started
 * @param networkSentBytes bytes sent on every interface since the container started
 * @since 1.2
 */
public record ContainerStats(Instant read, long memoryUsedBytes, long memoryLimitBytes, double cpuRatio,
    int onlineCpus, long networkReceivedBytes, long networkSentBytes) {
}
