package dev.stoker.ignition.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchArgsTest {

    @Test
    void parsesGatewayArgumentsAndJvmPropertiesAfterTheSeparator() {
        LaunchArgs args = LaunchArgs.parse("-n", "gw1", "-a", "gw.example.com", "-h", "80", "-s", "443", "-m", "1024",
                "-r", "/restore.gwbk", "-d", "--", "-Dignition.config.mode=dev", "-Xmx1g", "-Dflag");

        assertEquals(Optional.of("gw1"), args.gatewayName());
        assertEquals(Optional.of("gw.example.com"), args.publicAddress());
        assertEquals(Optional.of(80), args.publicHttpPort());
        assertEquals(Optional.of(443), args.publicHttpsPort());
        assertEquals(Optional.of(1024), args.maxMemoryMb());
        assertEquals(Optional.of("/restore.gwbk"), args.restoreBackup());
        assertTrue(args.debug());
        assertEquals(Map.of("ignition.config.mode", "dev", "flag", "true"), args.jvmProperties());
    }

    @Test
    void refusesUnknownOrIncompleteArguments() {
        assertThrows(StartupException.class, () -> LaunchArgs.parse("-x"));
        assertThrows(StartupException.class, () -> LaunchArgs.parse("-n"));
        assertThrows(StartupException.class, () -> LaunchArgs.parse("-h", "eighty"));
    }
}
