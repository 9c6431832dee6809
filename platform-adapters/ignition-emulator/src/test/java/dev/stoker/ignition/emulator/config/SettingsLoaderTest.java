package dev.stoker.ignition.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutTheEula() {
        for (String value : new String[] {null, "", "N", "yes", "y"}) {
            StartupException e = assertThrows(StartupException.class,
                    () -> TestEnv.settings(TestEnv.with(TestEnv.base(dir, "8.3.4"), "ACCEPT_IGNITION_EULA", value)));
            assertTrue(e.getMessage().contains("ACCEPT_IGNITION_EULA=Y"), e.getMessage());
        }
    }

    @Test
    void eulaCanBeLeftToCommissioningWhenConfigured() {
        Settings s = TestEnv.settings(TestEnv.with(TestEnv.base(dir, "8.3.4"),
                "ACCEPT_IGNITION_EULA", null, "EMULATOR_EULA_MODE", "commission"));
        assertFalse(s.commissioning().eulaAccepted());
    }

    @Test
    void everyVariableCanComeFromAFile() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Path eula = Files.writeString(dir.resolve("eula"), "Y");
        Path keys = Files.writeString(dir.resolve("keys"), "ci:abc\nviewer:def:ro\n");
        Path modules = Files.writeString(dir.resolve("modules"), "com.inductiveautomation.perspective,com.example.x");
        Map<String, String> env = TestEnv.with(TestEnv.base(dir, "8.3.4"),
                "GATEWAY_ADMIN_PASSWORD", null, "GATEWAY_ADMIN_PASSWORD_FILE", password.toString(),
                "ACCEPT_IGNITION_EULA", null, "ACCEPT_IGNITION_EULA_FILE", eula.toString(),
                "EMULATOR_API_KEYS", null, "EMULATOR_API_KEYS_FILE", keys.toString(),
                "GATEWAY_MODULES_ENABLED_FILE", modules.toString());

        Settings s = TestEnv.settings(env);

        assertEquals(Optional.of("s3cret"), s.commissioning().adminPassword());
        assertTrue(s.commissioning().eulaAccepted());
        assertEquals(List.of(new ApiKey("ci", "abc", true), new ApiKey("viewer", "def", false)), s.apiKeys());
        assertEquals(Optional.of(List.of("com.inductiveautomation.perspective", "com.example.x")), s.modulesEnabled());
    }

    @Test
    void aVariableAndItsFileTogetherAreAnError() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "x");
        Map<String, String> env = TestEnv.with(TestEnv.base(dir, "8.3.4"), "GATEWAY_ADMIN_PASSWORD_FILE", password.toString());
        assertThrows(StartupException.class, () -> TestEnv.settings(env));
    }

    @Test
    void aMissingSecretFileIsAnError() {
        Map<String, String> env = TestEnv.with(TestEnv.base(dir, "8.3.4"),
                "GATEWAY_ADMIN_PASSWORD", null, "GATEWAY_ADMIN_PASSWORD_FILE", dir.resolve("nope").toString());
        StartupException e = assertThrows(StartupException.class, () -> TestEnv.settings(env));
        assertTrue(e.getMessage().contains("GATEWAY_ADMIN_PASSWORD_FILE"), e.getMessage());
    }

    @Test
    void readsTheContainerContract() {
        Map<String, String> env = TestEnv.with(TestEnv.base(dir, "8.1.44"),
                "IGNITION_EDITION", "maker", "GATEWAY_HTTP_PORT", "9088",
                "ACCEPT_MODULE_LICENSES", "a.b, c.d", "ACCEPT_MODULE_CERTS", "a.b",
                "IGNITION_LICENSE_KEY", "ABCD-1234", "IGNITION_ACTIVATION_TOKEN", "tok");
        Settings s = TestEnv.settings(env, "-n", "plant1", "-h", "80", "-m", "2048", "--", "-Dignition.allowunsignedmodules=true");

        assertEquals(new IgnitionVersion(8, 1, 44), s.version());
        assertFalse(s.version().is83());
        assertFalse(s.behaviour().restApi(), "8.1 has no REST API unless asked");
        assertEquals(Settings.Edition.MAKER, s.edition());
        assertEquals(9088, s.httpPort());
        assertEquals("plant1", s.gatewayName());
        assertEquals(Set.of("a.b", "c.d"), s.commissioning().acceptedModuleLicenses());
        assertTrue(s.behaviour().allowUnsignedModules());
        assertEquals(Optional.of(2048), s.launch().maxMemoryMb());
        assertEquals(dir.resolve("data"), s.paths().data());
        assertEquals(List.of(dir.resolve("user-lib/modules"), dir.resolve("mnt-modules")), s.paths().moduleDirs());
    }

    @Test
    void defaultsFollowTheRealImage() {
        Settings s = TestEnv.settings(TestEnv.with(TestEnv.base(dir, "8.3.4"), "GATEWAY_HTTP_PORT", null));
        assertEquals(8088, s.httpPort());
        assertEquals("admin", s.commissioning().adminUsername());
        assertEquals(Settings.Edition.STANDARD, s.edition());
        assertEquals("Ignition-testhost", s.gatewayName());
        assertTrue(s.behaviour().restApi());
    }

    @Test
    void refusesNonsense() {
        Map<String, String> base = TestEnv.base(dir, "8.3.4");
        assertThrows(StartupException.class, () -> TestEnv.settings(TestEnv.with(base, "IGNITION_VERSION", "7.9.21")));
        assertThrows(StartupException.class, () -> TestEnv.settings(TestEnv.with(base, "IGNITION_EDITION", "ultimate")));
        assertThrows(StartupException.class, () -> TestEnv.settings(TestEnv.with(base, "GATEWAY_HTTP_PORT", "http")));
        assertThrows(StartupException.class, () -> TestEnv.settings(TestEnv.with(base, "EMULATOR_API_KEYS", "nosecret")));
    }
}
