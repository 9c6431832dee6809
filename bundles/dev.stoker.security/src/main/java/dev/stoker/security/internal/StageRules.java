package dev.stoker.security.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.environment.Stage;
import dev.stoker.api.security.Role;
import dev.stoker.api.security.StageAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of {@code dev.stoker.stages}, parsed once per configuration. Keys:
 * <ul>
 *   <li>{@code stages}: the stages in use, in promotion order;</li>
 *   <li>{@code environmentRole}, {@code secretRole}, {@code overlayRole}, {@code deployRole}: the role for
 *       every stage, overridden per stage by {@code <stage>.environmentRole} etc.; without either, dev, test
 *       and qa need engineer, staging and prod need lead, and the other actions follow
 *       {@code environmentRole};</li>
 *   <li>{@code images.<platform>} and {@code <stage>.images.<platform>}: allowed image repositories,
 *       comma separated.</li>
 * </ul>
 * A bad key or value fails the configuration as a whole, naming it (a typo must not open a stage).
 */
record StageRules(List<Stage> stages, Map<Stage, Map<StageAction, Role>> roles,
    Map<String, Map<Stage, Set<String>>> images) {

  private static final Map<StageAction, String> KEYS = Map.of(StageAction.CHANGE_ENVIRONMENT, "environmentRole",
      StageAction.USE_SECRET, "secretRole", StageAction.UPLOAD_OVERLAY, "overlayRole", StageAction.DEPLOY,
      "deployRole");

  static StageRules parse(Map<String, ?> config) {
    List<Stage> stages = new ArrayList<>();
    for (String s : list(config.get("stages"), "dev,test,qa,staging,prod")) {
      Stage stage = stage(s, "stages");
      if (!stages.contains(stage)) {
        stages.add(stage);
      }
    }
    Map<Stage, Map<StageAction, Role>> roles = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      Role base = stage == Stage.STAGING || stage == Stage.PROD ? Role.LEAD : Role.ENGINEER;
      Role environment = role(config, id(stage) + ".environmentRole", role(config, "environmentRole", base));
      Map<StageAction, Role> byAction = new EnumMap<>(StageAction.class);
      for (StageAction action : StageAction.values()) {
        String key = KEYS.get(action);
        Role fallback = action == StageAction.CHANGE_ENVIRONMENT ? environment : role(config, key, environment);
        byAction.put(action, role(config, id(stage) + "." + key, fallback));
      }
      roles.put(stage, byAction);
    }
    Map<String, Map<Stage, Set<String>>> images = new TreeMap<>();
    for (Map.Entry<String, ?> e : config.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("images.")) {
        String platform = key.substring("images.".length());
        for (Stage stage : Stage.values()) {
          images.computeIfAbsent(platform, p -> new EnumMap<>(Stage.class))
              .merge(stage, Set.copyOf(list(e.getValue(), "")), (a, b) -> a);
        }
      }
    }
    for (Map.Entry<String, ?> e : config.entrySet()) {
      String[] parts = e.getKey().split("\\.", 3);
      if (parts.length == 3 && parts[1].equals("images")) {
        Stage stage = stage(parts[0], e.getKey());
        images.computeIfAbsent(parts[2], p -> new EnumMap<>(Stage.class))
            .put(stage, Set.copyOf(list(e.getValue(), "")));
      }
    }
    return new StageRules(List.copyOf(stages), roles, images);
  }

  Role required(Stage stage, StageAction action) {
    return roles.get(stage).get(action);
  }

  Set<String> images(String platform, Stage stage) {
    return images.getOrDefault(platform, Map.of()).getOrDefault(stage, Set.of());
  }

  static String id(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT);
  }

  private static Stage stage(String value, String key) {
    try {
      return Stage.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(key, "'" + value + "' is not a stage (dev, test, qa, staging, prod)");
    }
  }

  private static Role role(Map<String, ?> config, String key, Role fallback) {
    Object value = config.get(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      return Role.fromId(value.toString().trim());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(key, "'" + value + "' is not a role (admin, lead, engineer, viewer)");
    }
  }

  private static List<String> list(Object value, String fallback) {
    String text = value == null ? fallback : value instanceof String[] a ? String.join(",", a) : value.toString();
    return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(text.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList()));
  }
}
