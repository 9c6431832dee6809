package dev.stoker.runtime.docker.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link DockerHostConfig} as ConfigAdmin would give it: the given keys, defaults for the rest. */
final class Configs {
  private Configs() {
  }

  static DockerHostConfig of(Map<String, Object> values) {
    return (DockerHostConfig) Proxy.newProxyInstance(Configs.class.getClassLoader(),
        new Class<?>[] {DockerHostConfig.class}, (proxy, method, args) -> {
          if (method.getName().equals("annotationType")) {
            return DockerHostConfig.class;
          }
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "toString" -> "DockerHostConfig" + values;
              case "hashCode" -> values.hashCode();
              default -> proxy == args[0];
            };
          }
          return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
        });
  }
}
