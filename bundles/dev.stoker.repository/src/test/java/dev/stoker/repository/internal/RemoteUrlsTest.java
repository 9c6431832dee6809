package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.platform.internal.TestRegistries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror URL can only make Stoker reach public Git servers over https or ssh, unless an admin says otherwise. */
class RemoteUrlsTest {
  @TempDir
  Path dir;
  private GitRepositoryService repos;

  @BeforeEach
  void setUp() throws IOException {
    // The defaults an admin gets: no http, no private hosts.
    repos = TestSettings.plant(dir, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    repos.close();
  }

  private void refused(String url, String secret) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> repos.setRemote("plant", url, secret, "lead"), url);
    assertEquals("url", e.field(), e.getMessage());
    assertTrue(repos.remote("plant").isEmpty(), "nothing was written for " + url);
  }

  @Test
  void onlyHttpsAndSshToPublicHostsAreAccepted() {
    for (String url : List.of(
        "file:///etc", "/srv/git/x.git", "../other.git", "git@github.com:a/b.git", "ext::sh -c touch% /tmp/pwned",
        "ext::sh", "git://example.com/x.git", "ftp://example.com/x.git",
        "ssh://-oProxyCommand=touch%20pwned/x.git", "ssh://-oProxyCommand=x@example.com/x.git",
        "ssh://git@-oProxyCommand=x/x.git", "https://example.com/x.git --upload-pack=touch",
        "http://example.com/x.git",
        "https://localhost/x.git", "https://127.0.0.1/x.git", "https://127.1.2.3:8443/x.git", "ssh://git@[::1]/x.git",
        "https://0.0.0.0/x.git", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/x.git",
        "https://10.1.2.3/x.git", "https://192.168.1.10/x.git", "https://172.16.0.5/x.git", "https://[fd00::1]/x.git",
        "https://100.100.100.200/x.git", "https://[::ffff:127.0.0.1]/x.git", "https://2130706433/x.git")) {
      refused(url, null);
    }
    repos.setRemote("plant", "https://93.184.216.34/plant.git", null, "lead");
    repos.setRemote("plant", "ssh://git@93.184.216.34:2222/plant.git", null, "lead");
  }

  @Test
  void httpNeedsTheAdminAndNeverCarriesCredentials() throws IOException {
    GitRepositoryService open = new GitRepositoryService(dir.resolve("repos"), new FileBlobStore(dir.resolve("blobs")),
        TestRegistries.of(Exports.ignition()), TestSettings.small(Map.of(
            "allowHttpRemotes", true, "remoteAllowedHosts", "127.0.0.1, 10.0.0.0/8")), Clock.systemUTC());
    try {
      open.setRemote("plant", "http://127.0.0.1:8080/x.git", null, "lead");
      open.setRemote("plant", "https://10.20.30.40/x.git", "workspace:git/token", "lead");
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> open.setRemote("plant", "http://127.0.0.1:8080/x.git", "workspace:git/token", "lead"));
      assertEquals("url", e.field());
      assertThrows(InvalidInputException.class, () -> open.setRemote("plant", "https://192.168.0.1/x.git", null, "lead"));
      assertThrows(InvalidInputException.class, () -> open.setRemote("plant", "file:///tmp/x.git", null, "lead"));
    } finally {
      open.close();
    }
  }
}
