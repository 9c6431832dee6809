package dev.stoker.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.health.HealthStatus;
import dev.stoker.testing.OsgiConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration validation: no engine needed. */
class DockerHostSettingsTest {

  @Test
  void defaultsAreTheLocalSocket() {
    DockerHostSettings s = DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of()));
    assertEquals("local", s.hostId());
    assertEquals("unix:///var/run/docker.sock", s.dockerHost().toString());
    assertEquals("127.0.0.1", s.hostAddress());
    assertNull(s.certPath());
  }

  @Test
  void tcpHostIsAccepted() {
    DockerHostSettings s = DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "site-a",
        "dockerHost", "tcp://docker.site-a.example:2375", "hostAddress", "docker.site-a.example")));
    assertEquals("site-a", s.hostId());
    assertEquals(2375, s.dockerHost().getPort());
  }

  @Test
  void badDockerHostNamesTheKey() {
    for (String bad : new String[] {"http://x:2375", "docker.sock", "tcp://nohostport", "unix://", "tcp://a b:1", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("dockerHost", bad))), bad);
      assertTrue(e.getMessage().startsWith("dockerHost: "), e.getMessage());
      assertTrue(e.getMessage().contains("unix:///") && e.getMessage().contains("tcp://host:port"), e.getMessage());
    }
  }

  @Test
  void badHostIdAndTimeoutsNameTheirKeys() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "Site A")))).getMessage().startsWith("hostId: "));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("readTimeoutSeconds", 0)))).getMessage()
        .startsWith("readTimeoutSeconds: "));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("hostAddress", " ")))).getMessage()
        .startsWith("hostAddress: "));
  }

  @Test
  void tlsNeedsTcpAndAllThreeCertificates(@TempDir Path dir) throws IOException {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, 
        Map.of("tlsVerify", true, "certPath", dir.toString())))).getMessage().startsWith("tlsVerify: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, 
        Map.of("tlsVerify", true, "dockerHost", "tcp://h:2376")))).getMessage().startsWith("certPath: "));
    Files.writeString(dir.resolve("ca.pem"), "x");
    Files.writeString(dir.resolve("cert.pem"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerHostSettings.from(
        OsgiConfigs.of(DockerHostConfig.class, Map.of("tlsVerify", true, "dockerHost", "tcp://h:2376", "certPath", dir.toString()))));
    assertTrue(e.getMessage().startsWith("certPath: ") && e.getMessage().contains("key.pem"), e.getMessage());
    Files.writeString(dir.resolve("key.pem"), "x");
    DockerHostSettings s = DockerHostSettings.from(OsgiConfigs.of(DockerHostConfig.class, Map.of("tlsVerify", true, "dockerHost",
        "tcp://h:2376", "certPath", dir.toString())));
    assertEquals(dir, s.certPath());
  }

  @Test
  void misconfiguredBackendReportsDownAndRefusesWork() {
    DockerRuntimeBackend backend = new DockerRuntimeBackend(OsgiConfigs.of(DockerHostConfig.class, Map.of("hostId", "site-b",
        "dockerHost", "http://oops")));
    try {
      assertEquals("site-b", backend.hostId());
      var health = backend.check();
      assertEquals(HealthStatus.DOWN, health.status());
      assertEquals("runtime:site-b", health.component());
      assertTrue(health.detail().contains("dockerHost: "), health.detail());
      IOException e = assertThrows(IOException.class, () -> backend.ensureImage("x:1"));
      assertTrue(e.getMessage().contains("dockerHost: ") && e.getMessage().contains("site-b"), e.getMessage());
      assertThrows(IOException.class, () -> backend.copyIntoVolume("v", "a", new ByteArrayInputStream(new byte[0])));
    } finally {
      backend.close();
    }
  }

  @Test
  void pathsInsideVolumesAreRelativeAndSafe() {
    assertEquals("user-lib/modules/a.modl", Tars.relative("/user-lib/modules/a.modl"));
    assertThrows(IllegalArgumentException.class, () -> Tars.relative("../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> Tars.relative("a//b"));
    assertThrows(IllegalArgumentException.class, () -> Tars.relative("/"));
  }

  @Test
  void fileOwnerParsesImageUsers() {
    assertEquals(new FileOwner(2003, 2003, 0644), FileOwner.parse("2003:2003"));
    assertEquals(new FileOwner(2003, 2003, 0644), FileOwner.parse("2003"));
    assertNull(FileOwner.parse("ignition"));
    assertNull(FileOwner.parse(""));
  }

  @Test
  void engineMessagesAreExtracted() {
    var e = new com.github.dockerjava.api.exception.NotFoundException(
        "Status 404: {\"message\":\"No such container: gw-1\"}\n");
    DockerFailure f = DockerErrors.failure("starting container 'gw-1'", "local", e);
    assertEquals("starting container 'gw-1' on docker host 'local' failed: No such container: gw-1 (HTTP 404)",
        f.getMessage());
    assertEquals(DockerFailure.Kind.NOT_FOUND, f.status());
    var clash = new com.github.dockerjava.api.exception.InternalServerErrorException("Status 500: {\"message\":"
        + "\"driver failed programming external connectivity: Bind for 0.0.0.0:8088 failed: port is already allocated\"}");
    assertEquals(DockerFailure.Kind.CONFLICT, DockerErrors.failure("starting container 'x'", "local", clash).status());
  }

  @Test
  void shippedFileMatchesTheConfiguration() {
    OsgiConfigs.assertEtcFileMatches(DockerHostConfig.class, "dev.stoker.runtime.docker-local.cfg");
  }
}
