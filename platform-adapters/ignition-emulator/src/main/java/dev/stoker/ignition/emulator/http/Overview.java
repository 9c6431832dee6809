package dev.stoker.ignition.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.ignition.emulator.gateway.Gateway;
import dev.stoker.ignition.emulator.store.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;

/** The {@code overview} document: live figures of this JVM, so a telemetry poller charts real movement. */
final class Overview {

    private Overview() {
    }

    static ObjectNode of(Gateway gateway) {
        ObjectNode doc = Json.object()
                .put("name", gateway.settings().gatewayName())
                .put("state", gateway.state().name())
                .put("uptimeMs", Duration.between(gateway.bootTime(), Instant.now()).toMillis())
                .put("startTime", gateway.bootTime().toString());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        doc.putObject("memory")
                .put("usedBytes", heap.getUsed())
                .put("committedBytes", heap.getCommitted())
                .put("maxBytes", heap.getMax());
        ObjectNode cpu = doc.putObject("cpu")
                .put("availableProcessors", Runtime.getRuntime().availableProcessors())
                .put("systemLoadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu.put("processCpuLoad", os.getProcessCpuLoad()).put("systemCpuLoad", os.getCpuLoad());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        doc.putObject("threads")
                .put("count", threads.getThreadCount())
                .put("peak", threads.getPeakThreadCount())
                .put("daemon", threads.getDaemonThreadCount());
        return doc;
    }
}
