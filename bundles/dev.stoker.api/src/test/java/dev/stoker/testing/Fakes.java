package dev.stoker.testing;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Fakes of interfaces: each named method answers from a function of its arguments; others throw. */
public final class Fakes {
  private Fakes() {
  }

  public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      Function<Object[], Object> answer = answers.get(method.getName());
      if (answer != null) {
        return answer.apply(args);
      }
      if (method.getName().equals("toString")) {
        return "fake " + type.getSimpleName();
      }
      if (method.getName().equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (method.getName().equals("equals")) {
        return proxy == args[0];
      }
      throw new UnsupportedOperationException(method.getName());
    }));
  }
}
