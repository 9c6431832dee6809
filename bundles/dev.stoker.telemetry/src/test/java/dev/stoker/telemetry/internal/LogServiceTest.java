package dev.stoker.telemetry.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.environment.EnvironmentState;
import dev.stoker.api.store.Persistence;
import dev.stoker.api.telemetry.LogEntry;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.MutableClock;
import dev.stoker.testing.OsgiConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Collected logs on H2: search filters, paging, retention by age and count, and bad filters. */
class LogServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T01:00:00Z"));
  private final Gateways gateways = new Gateways();
  private Persistence persistence;
  private LogServiceImpl logs;

  @BeforeEach
  void open() throws Exception {
    persistence = Standalone.open(TestDatabases.h2());
    logs = start(Map.of("logMaxEntries", 1000));
  }

  private LogServiceImpl start(Map<String, Object> config) {
    return new LogServiceImpl(persistence, gateways.environmentService(),
        OsgiConfigs.of(TelemetryConfig.class, config), clock);
  }

  @AfterEach
  void close() {
    logs.deactivate();
  }

  private void line(String env, Instant time, String level, String logger, String message) {
    logs.collected(new LogEntry(UUID.randomUUID().toString(), env, "dev", time, level, logger, message));
  }

  @Test
  void searchFiltersByWordsEnvironmentLevelAndTimeNewestFirst() {
    Instant t = clock.instant();
    line("e1", t.minusSeconds(30), "info", "Gateway", "Started in 812 ms");
    line("e1", t.minusSeconds(20), "warn", "ModuleManager", "Module 'x' quarantined");
    line("e2", t.minusSeconds(10), "error", "ProjectManager", "Project 'Plant_A' could not be loaded");
    line("e2", t, "info", "ProjectManager", "Imported project 'plant_a100%'");
    logs.flush();

    assertEquals(List.of("e2", "e2", "e1", "e1"), logs.search(null, null, null, null, PageRequest.first()).items()
        .stream().map(LogEntry::environment).toList());
    assertEquals(List.of("Module 'x' quarantined", "Started in 812 ms"),
        messages(logs.search(null, "e1", null, null, PageRequest.first())));
    assertEquals(List.of("Project 'Plant_A' could not be loaded", "Module 'x' quarantined"),
        messages(logs.search(null, null, "WARN", null, PageRequest.first())));
    // words anywhere in logger or message, any case, all of them; % and _ are plain characters
    assertEquals(List.of("Imported project 'plant_a100%'", "Project 'Plant_A' could not be loaded"),
        messages(logs.search("projectmanager PLANT_A", null, null, null, PageRequest.first())));
    assertEquals(List.of("Imported project 'plant_a100%'"), messages(logs.search("100%", null, null, null,
        PageRequest.first())));
    assertEquals(2, logs.search(null, null, null, t.minusSeconds(10), PageRequest.first()).items().size());

    Page<LogEntry> page = logs.search(null, null, null, null, new PageRequest(1, 2));
    assertEquals(4, page.total());
    assertEquals(List.of("Project 'Plant_A' could not be loaded", "Module 'x' quarantined"), messages(page));
  }

  @Test
  void liveFollowersGetMatchingLinesAtOnce() throws Exception {
    List<LogEntry> got = new CopyOnWriteArrayList<>();
    try (AutoCloseable follow = logs.follow("quarantined", "e1", "warn", got::add)) {
      line("e1", clock.instant(), "warn", "ModuleManager", "Module 'x' quarantined");
      line("e2", clock.instant(), "warn", "ModuleManager", "Module 'y' quarantined");
      line("e1", clock.instant(), "info", "ModuleManager", "Module 'z' quarantined");
    }
    line("e1", clock.instant(), "warn", "ModuleManager", "Module 'w' quarantined");
    assertEquals(List.of("Module 'x' quarantined"), got.stream().map(LogEntry::message).toList());
  }

  @Test
  void retentionDropsOldLinesThenTheOldestBeyondTheCount() {
    for (int i = 0; i < 1100; i++) {
      line("e1", clock.instant().minusSeconds(1100 - i), "info", "Gateway", "line " + i);
    }
    line("e1", clock.instant().minus(Duration.ofHours(80)), "info", "Gateway", "ancient");
    logs.flush();
    assertEquals(101, logs.retain(), "the ancient line, then lines 0 to 99");
    Page<LogEntry> left = logs.search(null, null, null, null, new PageRequest(0, 1));
    assertEquals(1000, left.total());
    assertEquals("line 1099", left.items().get(0).message());
    assertEquals(0, logs.search("ancient", null, null, null, PageRequest.first()).total());
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    assertTrue(assertThrows(InvalidInputException.class, () -> logs.search(null, null, "loud", null,
        PageRequest.first())).getMessage().startsWith("level"));
    assertTrue(assertThrows(InvalidInputException.class, () -> logs.search(null, "../etc", null, null,
        PageRequest.first())).getMessage().startsWith("environment"));
    assertTrue(assertThrows(InvalidInputException.class, () -> logs.search("x".repeat(201), null, null, null,
        PageRequest.first())).getMessage().startsWith("q"));
    assertThrows(InvalidInputException.class, () -> logs.follow(null, null, "loud", e -> { }));
  }

  private static List<String> messages(Page<LogEntry> page) {
    return page.items().stream().map(LogEntry::message).toList();
  }

  /** A real emulator container: its console lines are collected, parsed, searchable; a restart stores none twice. */
  @Test
  @EnabledIfSystemProperty(named = "stoker.docker.tests", matches = "true")
  void collectsAnEmulatorGatewaysContainerLog() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String env = "lg-" + run;
    gateways.add(env, EnvironmentState.RUNNING);
    try (EmulatorContainer container = new EmulatorContainer("stoker-t-" + run + "-logs", env, 192L << 20,
        Map.of("GATEWAY_MODULES_ENABLED", "perspective"))) {
      logs.runtimes = container.hosts();
      List<LogEntry> live = new CopyOnWriteArrayList<>();
      logs.follow(null, env, null, live::add);
      await("the gateway's start line").atMost(Duration.ofSeconds(40)).until(() -> {
        logs.reconcile();
        logs.flush();
        return logs.search("started in", env, null, null, PageRequest.first()).total() > 0;
      });
      LogEntry started = logs.search("started in", env, null, null, PageRequest.first()).items().get(0);
      assertEquals("Gateway", started.logger());
      assertEquals("info", started.level());
      assertEquals("dev", started.stage());
      assertTrue(Duration.between(started.time(), Instant.now()).abs().toMinutes() < 5, started.time().toString());
      List<LogEntry> warnings = logs.search(null, env, "warn", null, PageRequest.first()).items();
      assertTrue(warnings.stream().anyMatch(w -> w.logger().equals("ModuleManager")
          && w.message().contains("8.3 expects ids")), warnings.toString());
      assertTrue(warnings.stream().allMatch(w -> w.level().equals("warn")), warnings.toString());
      assertTrue(live.stream().anyMatch(e -> e.message().startsWith("Started in")), "live follower missed it");

      long stored = logs.search(null, env, null, null, PageRequest.first()).total();
      logs.deactivate(); // Stoker restarts: the new follower reads the backlog again and skips what is stored
      logs = start(Map.of());
      logs.runtimes = container.hosts();
      logs.reconcile();
      await().atMost(Duration.ofSeconds(10)).until(() -> logs.following() == 1);
      await("nothing stored twice").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> {
        logs.flush();
        return logs.search(null, env, null, null, PageRequest.first()).total() == stored;
      });
    }
  }
}
