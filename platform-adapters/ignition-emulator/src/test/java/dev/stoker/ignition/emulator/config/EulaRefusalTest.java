package dev.stoker.ignition.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real entry point in a separate JVM: the process must exit non-zero with a clear message. */
class EulaRefusalTest {

    @TempDir
    Path install;

    @Test
    void mainExitsWithStatusOneAndSaysWhy() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.stoker.ignition.emulator.Main").redirectErrorStream(true);
        pb.environment().remove("ACCEPT_IGNITION_EULA");
        pb.environment().put("IGNITION_INSTALL_LOCATION", install.toString());
        Process process = pb.start();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process must end by itself");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("EULA has not been accepted") && output.contains("ACCEPT_IGNITION_EULA=Y"), output);
    }
}
