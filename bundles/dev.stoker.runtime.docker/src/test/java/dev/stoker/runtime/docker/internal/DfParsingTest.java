package dev.stoker.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stoker.api.runtime.FilesystemUsage;
import org.junit.jupiter.api.Test;

/** {@code df -P -k} output as coreutils (Ubuntu, the real gateway image) and busybox (the emulator) print it. */
class DfParsingTest {
  @Test
  void coreutilsAndBusybox() throws Exception {
    FilesystemUsage gnu = Stats.parseDf("/data", "Filesystem     1024-blocks     Used Available Capacity Mounted on\n"
        + "/dev/sda1        264212084 45718848  60672064      43% /data\n");
    assertEquals(45718848L * 1024, gnu.usedBytes());
    assertEquals((45718848L + 60672064L) * 1024, gnu.totalBytes());
    // a long device name wraps nothing with -P, but spaces in the mount point do appear
    FilesystemUsage spaced = Stats.parseDf("/my data", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
        + "overlay 100 75 25 75% /my data\n");
    assertEquals(0.75, spaced.usedRatio(), 1e-9);
  }

  @Test
  void garbageIsAFailure() {
    assertThrows(DockerFailure.class, () -> Stats.parseDf("/x", "df: /x: No such file or directory"));
  }
}
